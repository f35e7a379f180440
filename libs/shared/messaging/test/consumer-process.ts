// An event consumer in its own process, so a test can SIGKILL it where a double effect could happen: its handler
// writes an effect row and the outbox row of the event it causes, in the engine's one transaction. With
// OFFSET_COMMIT_INTERVAL_MS long, no offset is committed before the kill: every effect committed by then lies
// between its transaction's commit and its offset's commit. Prints `consumer ready` once it consumes.
import { Pool } from 'pg';
import { OutboxWriter } from '@bascule/shared/persistence';
import {
  createIdempotentProducer,
  createKafka,
  kafkaSettingsFromEnv,
  DeadLetterPublisher,
  eventConsumer,
} from '../src';
import { testContracts, thingHappened } from './test-contract';

async function main() {
  const topic = process.env.TOPIC ?? '';
  const contracts = testContracts(topic);
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const kafka = createKafka(kafkaSettingsFromEnv('consumer-process'));
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  const outbox = new OutboxWriter(contracts);
  const consumer = eventConsumer(pool, {
    kafka,
    deadLetters: new DeadLetterPublisher(producer),
    groupId: process.env.GROUP ?? '',
    topics: [topic],
    contracts,
    offsetCommitIntervalMs: Number(process.env.OFFSET_COMMIT_INTERVAL_MS ?? 200),
    handlers: {
      'test.thing-happened': async (event, tx) => {
        const { n } = event.payload as { n: number };
        await tx.query('INSERT INTO effects (event_id, n) VALUES ($1, $2)', [event.id, n]);
        await outbox.append(tx, [{ ...thingHappened(n), causationId: event.id }]);
      },
    },
    logger: { warn: (payload, message) => console.warn(message, JSON.stringify(payload)) },
  });
  await consumer.start();
  console.log('consumer ready');
  process.once('SIGTERM', () => void consumer.stop().then(() => process.exit(0)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
