import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  spawnTs,
  TestDatabase,
  testKafka,
  uniqueTopic,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import {
  createIdempotentProducer,
  DeadLetterPublisher,
  defaultRelayOptions,
  dlqTopicOf,
  eventConsumer,
  OutboxRelay,
} from '../src';
import { messagingTablesUp, OutboxWriter } from '@bascule/shared/persistence';
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
    for (const statement of [...messagingTablesUp, 'CREATE TABLE applied (event_id uuid)'])
      await dataSource.query(statement);
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
    await context.with(trace.setSpan(context.active(), request), () =>
      dataSource.transaction((tx) => new OutboxWriter(contracts).append(tx, [event])),
    );
    request.end();

    const pool = new Pool({ ...db.settings, max: 2 });
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    await new OutboxRelay(pool, producer, { ...defaultRelayOptions, name: 'trace' }).publishBatch();
    const consumer = eventConsumer(pool, {
      kafka,
      deadLetters: new DeadLetterPublisher(producer),
      groupId: `trace-${Date.now()}`,
      topics: [topic],
      contracts,
      handlers: {
        'test.thing-happened': async (e, tx) => void (await tx.query('INSERT INTO applied VALUES ($1)', [e.id])),
      },
    });
    await consumer.start();
    try {
      await eventually(
        async () => (await dataSource.query('SELECT 1 FROM applied WHERE event_id = $1', [event.id])).length === 1,
      );
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
  it('exports the spans of one trace, request to consumer, to the OTLP collector the environment names', async () => {
    const collector = await otlpCollector();
    const service = spawnTs('libs/shared/messaging/test/traced-process.ts', {
      DATABASE_URL: `postgres://${db.settings.user}:${db.settings.password}@${db.settings.host}:${db.settings.port}/${db.name}`,
      TOPIC: topic,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_TRACES_EXPORTER: '',
    });
    try {
      let port = '';
      service.stdout?.on('data', (chunk: Buffer) => (port = /ready on (\d+)/.exec(chunk.toString())?.[1] ?? port));
      await waitForOutput(service, /traced process ready on \d+/);
      const answer = await fetch(`http://127.0.0.1:${port}/things`, { method: 'POST' });
      expect(answer.status).toBe(201);
      const { id } = (await answer.json()) as { id: string };
      await eventually(
        async () => (await dataSource.query('SELECT 1 FROM applied WHERE event_id = $1', [id])).length === 1,
      );

      // Kinds as OTLP numbers them: 2 server, 4 producer, 5 consumer.
      const [request, publish, consume] = (await eventually(async () => {
        const request = collector.spans.find((s) => s.kind === 2 && /POST/.test(s.name));
        const publish = collector.spans.find(
          (s) => s.kind === 4 && s.name === `${topic} publish` && s.traceId === request?.traceId,
        );
        const consume = collector.spans.find(
          (s) => s.kind === 5 && s.name === `${topic} process` && s.traceId === request?.traceId,
        );
        return request && publish && consume && [request, publish, consume];
      }, 15_000).catch(() => {
        throw new Error(
          `no request → publish → process trace among the exported spans: ${JSON.stringify(collector.spans.map((s) => [s.name, s.kind, s.traceId, s.spanId, s.parentSpanId]))}`,
        );
      })) as CollectedSpan[];
      expect(publish.parentSpanId).toBe(request.spanId);
      expect(consume.parentSpanId).toBe(publish.spanId);
      expect(collector.services).toContain('traced-process');
    } finally {
      service.kill('SIGKILL'); // with an exporter, startTracing's SIGTERM listener keeps a bare process alive
      await waitForExit(service);
      await new Promise((resolve) => collector.server.close(resolve));
    }
  });
});

interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}

/** An OTLP/HTTP (JSON) trace collector on a free port, keeping what it receives in memory. */
async function otlpCollector(): Promise<{ url: string; spans: CollectedSpan[]; services: string[]; server: Server }> {
  const spans: CollectedSpan[] = [];
  const services: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const { resourceSpans = [] } = JSON.parse(body || '{}') as {
          resourceSpans?: {
            resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
            scopeSpans?: { spans?: CollectedSpan[] }[];
          }[];
        };
        for (const resource of resourceSpans) {
          services.push(
            ...(resource.resource?.attributes ?? [])
              .filter((a) => a.key === 'service.name')
              .map((a) => a.value.stringValue ?? ''),
          );
          for (const scope of resource.scopeSpans ?? []) spans.push(...(scope.spans ?? []));
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, services, server };
}
