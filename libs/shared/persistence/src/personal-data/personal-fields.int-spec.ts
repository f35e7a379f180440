import { randomBytes, randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { ContractRegistry, defineEvent, EventEnvelope, Personal } from '@bascule/shared/contracts';
import { createTestDatabase, TestDatabase } from '@bascule/shared/testing';
import { Pool } from 'pg';
import { OutboxWriter } from '../outbox/outbox-writer';
import { messagingTablesUp } from '../tables/messaging-tables.sql';
import { inTransaction, rowsOf } from '../transactions';
import { MasterKey } from './master-key';
import { ERASED_FIELD, PersonalFields } from './personal-fields';
import { shredSubject, SubjectErased, SubjectKeys } from './subject-keys';
import { subjectKeysTableUp } from './subject-keys.sql';

const PersonMoved = defineEvent({
  type: 'test.person-moved',
  version: 1,
  topic: 'test.people.v1',
  aggregateType: 'person',
  summary: 'A person moved.',
  schema: Type.Object(
    {
      personId: Type.String(),
      city: Personal(Type.String()),
      phone: Personal(Type.Union([Type.String(), Type.Null()])),
    },
    { additionalProperties: false },
  ),
});

describe('personal fields sealed in the outbox, opened by their context, shredded by erasure (ADR 0033)', () => {
  let db: TestDatabase;
  let pool: Pool;
  const personal = new PersonalFields(new SubjectKeys(MasterKey.of(randomBytes(32).toString('hex'))));
  const writer = new OutboxWriter(new ContractRegistry([PersonMoved]), personal);
  const moved = (personId: string, city: string): EventEnvelope => ({
    id: randomUUID(),
    type: PersonMoved.type,
    version: 1,
    aggregateType: 'person',
    aggregateId: personId,
    aggregateVersion: 1,
    occurredAt: new Date(0).toISOString(),
    correlationId: 'c',
    causationId: null,
    originSystem: 'cloud',
    payload: { personId, city, phone: null },
  });
  const stored = async (personId: string) =>
    (
      await pool.query<{ payload: EventEnvelope }>('SELECT payload FROM outbox WHERE aggregateid = $1 ORDER BY seq', [
        personId,
      ])
    ).rows.map((row) => row.payload.payload as Record<string, unknown>);

  beforeAll(async () => {
    db = await createTestDatabase('personal_fields');
    pool = new Pool({ ...db.settings, max: 2 });
    for (const statement of [...messagingTablesUp, ...subjectKeysTableUp]) await pool.query(statement);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('stores only ciphertext, one key per person made in the writing transaction, and opens it back', async () => {
    const [ada, bob] = [randomUUID(), randomUUID()];
    await inTransaction(pool, (tx) =>
      writer.append(tx, [moved(ada, 'Lyon'), moved(bob, 'Nantes'), moved(ada, 'Paris')]),
    );
    const rows = await stored(ada);
    expect(JSON.stringify(rows)).not.toMatch(/Lyon|Paris|Nantes/);
    expect(rows[0].personId).toBe(ada);
    expect((await pool.query('SELECT count(*)::int AS n FROM subject_keys')).rows[0].n).toBe(2);
    expect(await personal.open(rowsOf(pool), rows[1])).toEqual({ personId: ada, city: 'Paris', phone: null });
  });

  it('after erasure reads the fields as erased, refuses to seal for that person, and leaves another’s readable', async () => {
    const [ada, bob] = [randomUUID(), randomUUID()];
    await inTransaction(pool, (tx) => writer.append(tx, [moved(ada, 'Lyon'), moved(bob, 'Nantes')]));
    await inTransaction(pool, (tx) => shredSubject(tx, ada));
    const [sealed] = await stored(ada);
    expect(await personal.open(rowsOf(pool), sealed)).toEqual({
      personId: ada,
      city: ERASED_FIELD,
      phone: ERASED_FIELD,
    });
    expect((await pool.query('SELECT wrapped_key FROM subject_keys WHERE subject_id = $1', [ada])).rows[0]).toEqual({
      wrapped_key: null,
    });
    await expect(inTransaction(pool, (tx) => writer.append(tx, [moved(ada, 'Rome')]))).rejects.toThrow(SubjectErased);
    expect(await personal.open(rowsOf(pool), (await stored(bob))[0])).toMatchObject({ city: 'Nantes' });
  });

  it('leaves sealed the fields of a subject this database does not own (another context reads them through the API)', async () => {
    const elsewhere = new PersonalFields(new SubjectKeys(MasterKey.of(randomBytes(32).toString('hex'))));
    const other = await createTestDatabase('personal_fields_other');
    const otherPool = new Pool({ ...other.settings, max: 1 });
    try {
      for (const statement of subjectKeysTableUp) await otherPool.query(statement);
      const ada = randomUUID();
      await inTransaction(pool, (tx) => writer.append(tx, [moved(ada, 'Lyon')]));
      const [sealed] = await stored(ada);
      expect(await elsewhere.open(rowsOf(otherPool), sealed)).toEqual(sealed);
    } finally {
      await otherPool.end();
      await other.drop();
    }
  });

  it('seals a dead letter’s bytes whole, opens them back until the subject is erased', async () => {
    const ada = randomUUID();
    const row = Buffer.from('{"after":{"NOM":"LOVELACE","EMAIL":"ada@example.com"}}');
    const sealed = await personal.sealBytes(rowsOf(pool), ada, row);
    expect(sealed.toString()).not.toMatch(/LOVELACE|example/);
    expect(await personal.openBytes(rowsOf(pool), sealed)).toEqual(row);
    await inTransaction(pool, (tx) => shredSubject(tx, ada));
    expect(await personal.openBytes(rowsOf(pool), sealed)).toEqual(ERASED_FIELD);
  });

  it('refuses to write a personal field without a key to seal it', async () => {
    const bare = new OutboxWriter(new ContractRegistry([PersonMoved]));
    await expect(inTransaction(pool, (tx) => bare.append(tx, [moved(randomUUID(), 'Lyon')]))).rejects.toThrow(
      'test.person-moved has personal fields and no key to seal them',
    );
  });
});
