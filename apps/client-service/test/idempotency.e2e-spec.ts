import { randomUUID } from 'node:crypto';
import { MasterKey, PersonalFields, rowsOf, SubjectKeys } from '@bascule/shared/persistence';
import { tokenFor } from '@bascule/shared/testing';
import { decodeJwt } from 'jose';
import { Pool, PoolClient } from 'pg';
import request from 'supertest';
import { aRegistration } from './client-fixtures';
import { RunningClientService, startClientService } from './client-service.harness';

/** `Idempotency-Key` on `POST /clients` (ADR 0030): per caller, kept with its effect in one transaction. */
describe('Idempotency-Key on the real client-service', () => {
  let service: RunningClientService;
  let sql: Pool;
  let writerToken: string;

  beforeAll(async () => {
    // The relay off: the outbox rows stay unsent and nothing else writes to the database meanwhile.
    service = await startClientService({ OUTBOX_RELAY: 'off' });
    sql = new Pool({ ...service.db.settings, max: 3 });
    writerToken = await tokenFor('writer');
  });
  afterAll(async () => {
    await sql?.end();
    await service?.close();
  });

  const register = (key: string, body: object, token = service.token) =>
    request(service.app.getHttpServer())
      .post('/clients')
      .set('authorization', `Bearer ${token}`)
      .set('Idempotency-Key', key)
      .send(body);
  const clientsWithEmail = async (email: string) =>
    Number((await sql.query(`SELECT count(*) FROM clients WHERE email = $1`, [email])).rows[0].count);
  // The events' emails are sealed (ADR 0033): opened with the test's master key to be compared.
  const personal = new PersonalFields(new SubjectKeys(MasterKey.fromEnv()));
  const eventsWithEmail = async (email: string) => {
    const { rows } = await sql.query<{ payload: Record<string, unknown> }>(
      `SELECT payload->'payload' AS payload FROM outbox_all WHERE type = 'client.client-registered'`,
    );
    const opened = await Promise.all(rows.map((row) => personal.open(rowsOf(sql), row.payload)));
    return opened.filter((payload) => payload.email === email).length;
  };
  const storedKeys = async (key: string) =>
    Number((await sql.query(`SELECT count(*) FROM idempotency_keys WHERE key = $1`, [key])).rows[0].count);

  it('the same key from another caller is another request: each gets its own effect and answer', async () => {
    const key = randomUUID();
    const [mine, theirs] = [aRegistration(), aRegistration()];
    const first = await register(key, mine).expect(201);
    const other = await register(key, theirs, writerToken).expect(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body.id).not.toBe(first.body.id);
    expect(await clientsWithEmail(mine.email)).toBe(1);
    expect(await clientsWithEmail(theirs.email)).toBe(1);
    // Each caller's key answers its own first request, and refuses the other caller's body.
    expect((await register(key, mine).expect(201)).body.id).toBe(first.body.id);
    expect((await register(key, theirs, writerToken).expect(201)).body.id).toBe(other.body.id);
    await register(key, theirs).expect(422);
    expect(await storedKeys(key)).toBe(2);
  });

  it('20 concurrent requests with one key create exactly one client; the others answer its body or 409', async () => {
    const key = randomUUID();
    const registration = aRegistration();
    const answers = await Promise.all(Array.from({ length: 20 }, () => register(key, registration)));

    const created = answers.filter((answer) => answer.status === 201);
    const inFlight = answers.filter((answer) => answer.status === 409);
    expect(created.length + inFlight.length).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const answer of created) {
      expect(answer.body).toEqual(created[0].body);
      expect(answer.headers.location).toBe(`/clients/${created[0].body.id}`);
    }
    for (const answer of inFlight) expect(answer.body.code).toBe('IDEMPOTENCY.IN_FLIGHT');
    expect(await clientsWithEmail(registration.email)).toBe(1);
    expect(await eventsWithEmail(registration.email)).toBe(1);
    const later = await register(key, registration).expect(201);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.body).toEqual(created[0].body);
  });

  it('the same key with another body is refused with 422 problem+json naming the header, and changes nothing', async () => {
    const key = randomUUID();
    const registration = aRegistration();
    await register(key, registration).expect(201);
    const other = aRegistration();
    const refused = await register(key, other).expect(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'IDEMPOTENCY.KEY_REUSED',
      errors: [expect.objectContaining({ parameter: 'Idempotency-Key' })],
    });
    expect(await clientsWithEmail(other.email)).toBe(0);
  });

  describe('crash safety', () => {
    const failingKey = `fail-after-effect-${randomUUID()}`;
    beforeAll(async () => {
      // Fails the write of the key's answer, which comes after the effect.
      await sql.query(`CREATE FUNCTION fail_after_effect() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.key LIKE 'fail-after-effect-%' AND NEW.status IS NOT NULL THEN
            RAISE EXCEPTION 'injected failure after the effect';
          END IF;
          RETURN NEW;
        END $$`);
      await sql.query(`CREATE TRIGGER fail_after_effect BEFORE INSERT OR UPDATE ON idempotency_keys
        FOR EACH ROW EXECUTE FUNCTION fail_after_effect()`);
    });
    afterAll(async () => {
      await sql.query(`DROP TRIGGER IF EXISTS fail_after_effect ON idempotency_keys`);
      await sql.query(`DROP FUNCTION IF EXISTS fail_after_effect()`);
    });

    it('a failure after the effect, inside the transaction, keeps neither the client, its event nor the key', async () => {
      const registration = aRegistration();
      const failed = await register(failingKey, registration);
      expect(failed.status).toBeGreaterThanOrEqual(500);
      expect(await clientsWithEmail(registration.email)).toBe(0);
      expect(await eventsWithEmail(registration.email)).toBe(0);
      expect(await storedKeys(failingKey)).toBe(0);

      await sql.query(`DROP TRIGGER fail_after_effect ON idempotency_keys`);
      const retried = await register(failingKey, registration).expect(201);
      expect((await register(failingKey, registration).expect(201)).body).toEqual(retried.body);
      expect(await clientsWithEmail(registration.email)).toBe(1);
      expect(await eventsWithEmail(registration.email)).toBe(1);
    });

    /** Holds inserts into the outbox (a SHARE lock) until released, so a request stops mid-transaction. */
    const holdOutbox = async (): Promise<PoolClient> => {
      const holder = await sql.connect();
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE outbox IN SHARE MODE');
      return holder;
    };
    /** The backend of the request waiting on the outbox lock, once it waits there. */
    const blockedRequest = async (): Promise<number> => {
      for (;;) {
        const { rows } = await sql.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
             AND query LIKE 'INSERT INTO outbox%'`,
        );
        if (rows.length === 1) return rows[0].pid;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };

    it('while the first request runs the same key answers 409; once it commits, its answer', async () => {
      const key = randomUUID();
      const registration = aRegistration();
      const holder = await holdOutbox();
      const first = register(key, registration).then((answer) => answer);
      try {
        await blockedRequest();
        const meanwhile = await register(key, registration).expect(409);
        expect(meanwhile.body).toMatchObject({
          code: 'IDEMPOTENCY.IN_FLIGHT',
          errors: [expect.objectContaining({ parameter: 'Idempotency-Key' })],
        });
      } finally {
        await holder.query('COMMIT');
        holder.release();
      }
      const done = await first;
      expect(done.status).toBe(201);
      const after = await register(key, registration).expect(201);
      expect(after.headers['idempotent-replayed']).toBe('true');
      expect(after.body).toEqual(done.body);
      expect(await clientsWithEmail(registration.email)).toBe(1);
    });

    it('a request whose connection dies mid-flight keeps nothing, and its retry runs once', async () => {
      const key = randomUUID();
      const registration = aRegistration();
      const holder = await holdOutbox();
      const first = register(key, registration).then((answer) => answer);
      try {
        const pid = await blockedRequest();
        await sql.query('SELECT pg_terminate_backend($1)', [pid]);
        expect((await first).status).toBeGreaterThanOrEqual(500);
      } finally {
        await holder.query('COMMIT');
        holder.release();
      }
      expect(await clientsWithEmail(registration.email)).toBe(0);
      expect(await storedKeys(key)).toBe(0);
      const retried = await register(key, registration).expect(201);
      expect((await register(key, registration).expect(201)).body).toEqual(retried.body);
      expect(await clientsWithEmail(registration.email)).toBe(1);
      expect(await eventsWithEmail(registration.email)).toBe(1);
    });
  });

  it('records the actor (token subject and client, ids only) with the events of its command', async () => {
    for (const token of [service.token, writerToken]) {
      const { sub, azp } = decodeJwt(token);
      const created = await register(randomUUID(), aRegistration(), token).expect(201);
      const { rows } = await sql.query(`SELECT payload, headers FROM outbox_all WHERE aggregateid = $1`, [
        created.body.id,
      ]);
      expect(rows).toHaveLength(1);
      expect(rows[0].payload.actor).toEqual({ subject: sub, client: azp });
      expect(rows[0].headers).toMatchObject({ actor_subject: sub, actor_client: azp });
    }
  });
});
