// A relay in its own process, so tests can SIGKILL it. With PAUSE_AFTER_SEND_BATCH=N it stalls after the
// Nth Kafka ack and before marking rows sent: the exact window where a crash republishes a batch.
import { Pool } from 'pg';
import { createIdempotentProducer, createKafka, defaultRelayOptions, OutboxRelay } from '../src';

async function main() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  const producer = createIdempotentProducer(createKafka({ brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), clientId: 'relay-process' }));
  await producer.connect();
  const pauseAfter = Number(process.env.PAUSE_AFTER_SEND_BATCH ?? 0);
  let batches = 0;
  const sendBatch = producer.sendBatch.bind(producer);
  producer.sendBatch = async (batch) => {
    const result = await sendBatch(batch);
    batches += 1;
    console.log(`sent batch ${batches}`);
    if (batches === pauseAfter) {
      console.log('paused after send');
      await new Promise((resolve) => setTimeout(resolve, 60_000));
    }
    return result;
  };
  const relay = new OutboxRelay(pool, producer, { ...defaultRelayOptions, name: 'test', batchSize: Number(process.env.BATCH_SIZE ?? 100) });
  await relay.start();
  console.log('relay started');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
