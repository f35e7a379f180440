import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { createTestDatabase, createTopics, deleteTopics, eventually, TestDatabase, testKafka, uniqueTopic } from '@bascule/shared/testing';
import { createIdempotentProducer, DeadLetterPublisher, defaultRelayOptions, dlqTopicOf, InboxConsumer, messagingTablesUp, OutboxRelay, OutboxWriter } from '../src';
import { testContracts, thingHappened } from './test-contract';

describe('one trace from the request, through the outbox and Kafka, to the consumer', () => {
  const exporter = new InMemorySpanExporter();
  const topic = uniqueTopic('trace.events.v1');
  const kafka = testKafka();
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    db = await createTestDatabase('trace');
    dataSource = await new DataSource({ type: 'postgres', ...db.settings, username: db.settings.user }).initialize();
    for (const statement of [...messagingTablesUp, 'CREATE TABLE applied (event_id uuid)']) await dataSource.query(statement);
    await createTopics(kafka, [topic, dlqTopicOf(topic)]);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await deleteTopics(kafka, [topic, dlqTopicOf(topic)]);
    await db?.drop();
  });

  it('continues the request trace in the publish span and the consumer span', async () => {
    const contracts = testContracts(topic);
    const event = thingHappened(1);
    const request = trace.getTracer('test').startSpan('POST /things', { kind: SpanKind.SERVER });
    await context.with(trace.setSpan(context.active(), request), () => dataSource.transaction((tx) => new OutboxWriter(contracts).append(tx, [event])));
    request.end();

    const pool = new Pool({ ...db.settings, max: 2 });
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    await new OutboxRelay(pool, producer, { ...defaultRelayOptions, name: 'trace' }).publishBatch();
    const consumer = new InboxConsumer<EntityManager>(kafka, (work) => dataSource.transaction(work), new DeadLetterPublisher(producer), {
      consumer: `trace-${Date.now()}`,
      topics: [topic],
      contracts,
      handlers: { 'test.thing-happened': async (e, tx) => void (await tx.query('INSERT INTO applied VALUES ($1)', [e.id])) },
    });
    await consumer.start();
    try {
      await eventually(async () => (await dataSource.query('SELECT 1 FROM applied WHERE event_id = $1', [event.id])).length === 1);
    } finally {
      await consumer.stop();
      await producer.disconnect();
      await pool.end();
    }

    const spans = exporter.getFinishedSpans();
    const publish = spans.find((s) => s.name === `${topic} publish`);
    const process = spans.find((s) => s.name === `${topic} process`);
    const traceId = request.spanContext().traceId;
    expect(publish?.spanContext().traceId).toBe(traceId);
    expect(publish?.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(process?.spanContext().traceId).toBe(traceId);
    expect(process?.parentSpanContext?.spanId).toBe(publish?.spanContext().spanId);
  });
});
