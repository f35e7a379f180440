import { createHash, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { aRegistration } from './client-fixtures';
import { RunningClientService, startClientService } from './client-service.harness';

/** A key left "in progress" by a process that crashed mid-request (its row written, its answer never stored). */
describe('an Idempotency-Key left in progress by a crash expires after its lease', () => {
  let service: RunningClientService;
  let sql: Pool;
  const http = () => service.http();
  /** The row the crashed request left: same body (so the same hash), no answer, started some seconds ago. */
  const crashedWith = (key: string, body: object, startedSecondsAgo: number) =>
    sql.query(`INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ('POST /clients', $1, $2, now() - make_interval(secs => $3))`, [
      key,
      createHash('sha256').update(JSON.stringify(body)).digest('hex'),
      startedSecondsAgo,
    ]);

  beforeAll(async () => {
    service = await startClientService({ IDEMPOTENCY_LEASE_MS: '30000' });
    sql = new Pool({ ...service.db.settings, max: 2 });
  });
  afterAll(async () => {
    await sql?.end();
    await service?.close();
  });

  it('answers 409 while the lease runs', async () => {
    const key = randomUUID();
    const registration = aRegistration();
    await crashedWith(key, registration, 5);
    const answer = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(409);
    expect(answer.body).toMatchObject({ code: 'IDEMPOTENCY.IN_PROGRESS' });
  });

  it('runs the request once the lease has run out, and replays its answer afterwards', async () => {
    const key = randomUUID();
    const registration = aRegistration();
    await crashedWith(key, registration, 31);
    const first = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(201);
    const again = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await sql.query(`SELECT status FROM idempotency_keys WHERE key = $1`, [key])).rows).toEqual([{ status: 201 }]);
  });

  it('never takes over a key whose answer is stored, however old', async () => {
    const key = randomUUID();
    const registration = aRegistration();
    const first = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(201);
    await sql.query(`UPDATE idempotency_keys SET created_at = now() - interval '1 hour' WHERE key = $1`, [key]);
    const again = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });
});
