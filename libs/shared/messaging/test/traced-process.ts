// The messaging path in its own process, traced as a service is: tracing started from OTEL_* variables
// (the test points the OTLP exporter at a collector it runs), an HTTP endpoint whose request writes an
// event to the outbox, the relay, and an inbox consumer of the topic. Prints its port when ready.
import './traced-process.tracing';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import {
  createIdempotentProducer,
  createKafka,
  kafkaSettingsFromEnv,
  DeadLetterPublisher,
  defaultRelayOptions,
  eventConsumer,
  OutboxRelay,
} from '../src';
import { inTransaction, OutboxWriter } from '@bascule/shared/persistence';
import { testContracts, thingHappened } from './test-contract';

async function main() {
  const topic = process.env.TOPIC ?? '';
  const contracts = testContracts(topic);
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  const kafka = createKafka(kafkaSettingsFromEnv('traced-process'));
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  await new OutboxRelay(pool, producer, { ...defaultRelayOptions, name: 'traced', pollIntervalMs: 200 }).start();
  await eventConsumer(pool, {
    kafka,
    deadLetters: new DeadLetterPublisher(producer),
    groupId: `traced-${process.pid}`,
    topics: [topic],
    contracts,
    handlers: {
      'test.thing-happened': async (event, tx) => void (await tx.query('INSERT INTO applied VALUES ($1)', [event.id])),
    },
  }).start();

  const writer = new OutboxWriter(contracts);
  const server = createServer((request, response) => {
    const event = thingHappened(1);
    inTransaction(pool, (tx) => writer.append(tx, [event])).then(
      () => response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: event.id })),
      (error: Error) => response.writeHead(500).end(error.message),
    );
    request.resume();
  });
  server.listen(0, '127.0.0.1', () => console.log(`traced process ready on ${(server.address() as AddressInfo).port}`));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
