import { LegacyClientRow } from '@bascule/anti-corruption';
import { DeadLetterPublisher } from '@bascule/shared/messaging';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  readUntil,
  testKafka,
  TestDatabase,
  topicEnd,
  uniqueTopic,
  waitForGroupAt,
} from '@bascule/shared/testing';
import { CommandBus } from '@nestjs/cqrs';
import { Pool, PoolClient } from 'pg';
import { QueryRunner } from 'typeorm';
import { CreateLegacyClientKeys1764115200000 } from '../migrations/1764115200000-create-legacy-client-keys';
import { LegacyClientKeys } from './legacy-client-keys';
import { LegacyClientsConsumer } from './legacy-clients.consumer';

const row = (noClient: number, overrides: Partial<LegacyClientRow> = {}): LegacyClientRow => ({
  NO_CLIENT: noClient,
  NOM: 'DUPONT',
  PRENOM: 'Jean',
  EMAIL: `jean.${noClient}@exemple.fr`,
  TELEPHONE: '01 23 45 67 89',
  ADRESSE1: '3 rue des Lilas',
  ADRESSE2: null,
  CODE_POSTAL: '69003',
  VILLE: 'LYON',
  PAYS: null,
  STATUT: 'A',
  DATE_CREATION: '14/03/2009',
  NO_SECU: 'hashed',
  DATE_NAISSANCE: '05/07/1985',
  ...overrides,
});
const change = (after: LegacyClientRow, lsn: number) => ({
  key: JSON.stringify({ NO_CLIENT: after.NO_CLIENT }),
  value: JSON.stringify({
    before: null,
    after,
    op: 'c',
    ts_ms: Date.now(),
    source: { lsn, txId: lsn, ts_ms: Date.now(), table: 'CLIENTS' },
  }),
});

/** A pool whose next COMMIT fails as a dropped connection would (transient), once `failNextCommit` is set. */
function poolFailingACommit(pool: Pool): { pool: Pool; failNextCommit: () => void; failedCommits: () => number } {
  let armed = false;
  let failed = 0;
  const connect = async () => {
    const client: PoolClient = await pool.connect();
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    return Object.assign(Object.create(client), {
      query: (...args: unknown[]) => {
        if (args[0] === 'COMMIT' && armed) {
          armed = false;
          failed++;
          return Promise.reject(
            Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
          );
        }
        return query(...args);
      },
      release: (error?: Error | boolean) => client.release(error),
    });
  };
  return {
    pool: Object.assign(Object.create(pool), { connect }),
    failNextCommit: () => (armed = true),
    failedCommits: () => failed,
  };
}

describe('a legacy change set aside is dead-lettered after its transaction commits', () => {
  const kafka = testKafka();
  const topic = uniqueTopic('legacy-dlq.public.CLIENTS');
  const groupId = `legacy-dlq-${topic.split('.').pop()}`;
  const producer = kafka.producer();
  let db: TestDatabase;
  let pool: Pool;
  let consumer: LegacyClientsConsumer | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('legacy_dlq');
    pool = new Pool({ ...db.settings, max: 4 });
    await new CreateLegacyClientKeys1764115200000().up({
      query: (sql: string) => pool.query(sql),
    } as unknown as QueryRunner);
    await createTopics(kafka, [topic, `${topic}.dlq`], 1);
    await producer.connect();
  });
  afterAll(async () => {
    await consumer?.stop();
    await producer.disconnect();
    await pool?.end();
    await db?.drop();
    await deleteTopics(kafka, [topic, `${topic}.dlq`]);
  });

  it('publishes exactly one dead letter when the commit of the batch that set it aside failed transiently and was redone', async () => {
    const faulty = poolFailingACommit(pool);
    const applied: string[] = [];
    const commands = {
      execute: async (command: { clientId: string }) => void applied.push(command.clientId),
    } as unknown as CommandBus;
    const quiet = { warn: () => undefined };
    await producer.send({ topic, messages: [change(row(1, { EMAIL: null }), 100), change(row(2), 200)] });
    const end = await topicEnd(kafka, topic);
    faulty.failNextCommit();
    consumer = new LegacyClientsConsumer(
      kafka,
      commands,
      new LegacyClientKeys(faulty.pool),
      new DeadLetterPublisher(producer),
      { topic, groupId },
      quiet,
    );
    await consumer.start();
    await waitForGroupAt(kafka, groupId, topic, end);
    expect(faulty.failedCommits()).toBe(1);
    await eventually(async () => (await pool.query('SELECT no_client FROM legacy_client_keys')).rows.length === 1);
    expect(await topicEnd(kafka, `${topic}.dlq`)).toEqual({ 0: '1' });
    const [letter] = await readUntil(kafka, `${topic}.dlq`, (messages) => messages.length >= 1);
    expect(letter).toMatchObject({ key: JSON.stringify({ NO_CLIENT: 1 }), headers: { dlq_reason: 'quarantined' } });
  }, 90_000);
});
