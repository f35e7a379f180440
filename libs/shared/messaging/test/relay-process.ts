// A relay in its own process, so tests can SIGKILL it at the moment loss could happen. It prints each
// acknowledged batch (`sent batch N`), and with
// - PAUSE_AFTER_SEND_BATCH=N it stalls after the Nth Kafka ack and before marking rows sent (a crash there
//   republishes the batch);
// - STALL_UNACKED_BATCH=N it holds the Nth batch as a hung connection would: handed to the producer, never
//   written, never acknowledged (a crash there loses the batch unless rows are marked only after the ack).
import { Pool } from 'pg';
import { createIdempotentProducer, createKafka, kafkaSettingsFromEnv, defaultRelayOptions, OutboxRelay } from '../src';

const forever = () => new Promise<never>(() => undefined);

async function main() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  const producer = createIdempotentProducer(createKafka(kafkaSettingsFromEnv('relay-process')));
  await producer.connect();
  const pauseAfter = Number(process.env.PAUSE_AFTER_SEND_BATCH ?? 0);
  const stallAt = Number(process.env.STALL_UNACKED_BATCH ?? 0);
  let batches = 0;
  const sendBatch = producer.sendBatch.bind(producer);
  producer.sendBatch = async (batch) => {
    const number = batches + 1;
    if (number === stallAt) {
      console.log(`batch ${number} in flight, not acknowledged`);
      return forever();
    }
    const result = await sendBatch(batch);
    batches = number;
    console.log(`sent batch ${batches}`);
    if (batches === pauseAfter) {
      console.log('paused after send');
      await new Promise((resolve) => setTimeout(resolve, 60_000));
    }
    return result;
  };
  const relay = new OutboxRelay(pool, producer, {
    ...defaultRelayOptions,
    name: 'test',
    batchSize: Number(process.env.BATCH_SIZE ?? 100),
    pollIntervalMs: Number(process.env.POLL_INTERVAL_MS ?? 1_000),
  });
  await relay.start();
  console.log('relay started');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
