import { randomUUID } from 'node:crypto';
import { ContractRegistry, EventEnvelope } from '@bascule/shared/contracts';
import { createTestDatabase, TestDatabase } from '@bascule/shared/testing';
import { Pool } from 'pg';
import { messagingTablesUp } from '../tables/messaging-tables.sql';
import { memberContracts, MemberJoinedV1 } from '../testing';
import { inTransaction } from '../transactions';
import { OutboxWriter } from './outbox-writer';

describe('OutboxWriter on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  const writer = new OutboxWriter(new ContractRegistry(memberContracts));
  const joined = (index: number): EventEnvelope => {
    const memberId = randomUUID();
    return {
      id: randomUUID(),
      type: MemberJoinedV1.type,
      version: MemberJoinedV1.version,
      aggregateType: MemberJoinedV1.aggregateType,
      aggregateId: memberId,
      aggregateVersion: 1,
      occurredAt: new Date(0).toISOString(),
      correlationId: `corr-${index}`,
      causationId: null,
      originSystem: 'cloud',
      payload: { memberId, handle: `member "${index}" \\ ${'é'.repeat(index % 3)}` },
    };
  };

  beforeAll(async () => {
    db = await createTestDatabase('outbox_writer');
    pool = new Pool({ ...db.settings, max: 2 });
    for (const statement of messagingTablesUp) await pool.query(statement);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('commits 20,000 events given in one call (beyond the 65,535 parameters of one statement), each whole and in order', async () => {
    const events = Array.from({ length: 20_000 }, (_, index) => joined(index));
    await inTransaction(pool, (tx) => writer.append(tx, events));
    const { rows } = await pool.query<{ id: string; topic: string; version: number; payload: EventEnvelope }>(
      'SELECT id, topic, version, payload, headers FROM outbox ORDER BY seq',
    );
    expect(rows).toHaveLength(events.length);
    rows.forEach((row, index) => {
      expect(row).toMatchObject({ id: events[index].id, topic: 'test.members.v1', version: 1 });
      expect(row.payload).toEqual(events[index]);
      expect(row).toHaveProperty('headers.correlation_id', `corr-${index}`);
    });
  });
});
