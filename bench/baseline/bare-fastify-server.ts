// Baseline for a context's main write path (BASELINE_ROUTE: clients, stock-items, payments, orders, invoices,
// stock-reservations; see routes/): a bare Fastify handler doing the same work as the context's service with nothing
// around it (no Nest, CQRS, domain model, logging middleware or tracing), as its own process:
// - the bearer JWT verified with jose against the same issuer's JWKS and the same role required, when
//   AUTH_ISSUER is set (otherwise no authentication, as the service without its guard);
// - the body validated by Ajv, same options, against the same TypeBox schema (400 problem on failure);
// - the route's SQL: its row + its outbox row in one transaction (same columns, same NOTIFY trigger);
// - the created row read back and returned with Location and ETag;
// - the platform's outbox relay publishing the rows to Kafka in this process, as the service runs it
//   (unless OUTBOX_RELAY=off, which the services read too), to BASELINE_TOPIC.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { FastifyReply } from 'fastify';
import { Pool, PoolClient } from 'pg';
import {
  createIdempotentProducer,
  createKafka,
  defaultRelayOptions,
  kafkaSettingsFromEnv,
  OutboxRelay,
} from '@bascule/shared/messaging';
import { envelopeHeaders, EventEnvelope } from '@bascule/shared/contracts';
import { bearerVerifier } from './bare-auth';
import { BareRefusal, BareRoute, BareTools } from './bare-route';
import { clientsRoute } from './routes/clients';
import { invoicesRoute } from './routes/invoices';
import { ordersRoute } from './routes/orders';
import { paymentsRoute } from './routes/payments';
import { stockItemsRoute } from './routes/stock-items';
import { stockReservationsRoute } from './routes/stock-reservations';

const topic = process.env.BASELINE_TOPIC ?? 'bench.baseline';
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 20) });
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false }), [
  'email',
  'uuid',
  'date-time',
  'date',
  'uri',
]);
const routes: Record<string, BareRoute<never>> = {
  clients: clientsRoute,
  'stock-items': stockItemsRoute,
  payments: paymentsRoute,
  orders: ordersRoute,
  invoices: invoicesRoute,
  'stock-reservations': stockReservationsRoute,
};
const route = routes[process.env.BASELINE_ROUTE ?? 'clients'];
if (!route) throw new Error(`BASELINE_ROUTE: one of ${Object.keys(routes).join(', ')}`);
const validate = ajv.compile(route.body);
const server = Fastify({ bodyLimit: 64 * 1024 });
const problem = (reply: FastifyReply, status: number, code: string, detail: string) =>
  reply.status(status).type('application/problem+json').send({ type: 'about:blank', status, code, detail });

/** The same relay, options and pool size (3) as the services' messaging module. */
async function startRelay(): Promise<() => Promise<void>> {
  if (process.env.OUTBOX_RELAY === 'off') return async () => undefined;
  const producer = createIdempotentProducer(createKafka(kafkaSettingsFromEnv('bench-baseline')));
  await producer.connect();
  const relayPool = new Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
  const relay = new OutboxRelay(relayPool, producer, { ...defaultRelayOptions, name: 'bench-baseline' });
  await relay.start();
  return async () => {
    await relay.stop();
    await producer.disconnect();
    await relayPool.end();
  };
}

async function transaction(work: (tx: PoolClient) => Promise<void>): Promise<void> {
  const tx = await pool.connect();
  try {
    await tx.query('BEGIN');
    await work(tx);
    await tx.query('COMMIT');
  } catch (error) {
    await tx.query('ROLLBACK');
    throw error;
  } finally {
    tx.release();
  }
}

async function appendOutbox(tx: PoolClient, event: EventEnvelope): Promise<void> {
  await tx.query(
    `INSERT INTO outbox (id, aggregatetype, aggregateid, type, version, topic, payload, headers) VALUES ($1, $2, $3, $4, 1, $5, $6, $7)`,
    [
      event.id,
      event.aggregateType,
      event.aggregateId,
      event.type,
      topic,
      JSON.stringify(event),
      JSON.stringify(envelopeHeaders(event)),
    ],
  );
}

async function readOne(sql: string, id: string): Promise<Record<string, unknown>> {
  return (await pool.query(sql, [id])).rows[0];
}

async function readAll(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  return (await pool.query(sql, params)).rows;
}

async function main() {
  const verify = await bearerVerifier(process.env, route.role);
  const stopRelay = await startRelay();
  process.once('SIGTERM', () => void stopRelay().finally(() => process.exit(0)));
  server.post(route.path, async (request, reply) => {
    const refused = await verify(request.headers.authorization);
    if (refused)
      return problem(
        reply.header('www-authenticate', 'Bearer'),
        refused.status,
        refused.status === 401 ? 'AUTH.UNAUTHENTICATED' : 'AUTH.FORBIDDEN',
        refused.detail,
      );
    if (!validate(request.body))
      return problem(reply, 400, 'REQUEST.INVALID', JSON.stringify(validate.errors?.map((e) => e.instancePath)));
    const tools: BareTools = { transaction, appendOutbox, readOne, readAll, correlationId: String(request.id) };
    let answer: Awaited<ReturnType<typeof route.handle>>;
    try {
      answer = await route.handle(request.body as never, tools);
    } catch (error) {
      if (error instanceof BareRefusal) return problem(reply, error.status, error.code, error.message);
      throw error;
    }
    const { id, version, view } = answer;
    return reply.status(201).header('location', `${route.path}/${id}`).header('etag', `"${version}"`).send(view);
  });
  await server.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  const auth = process.env.AUTH_ISSUER
    ? `verified against ${process.env.AUTH_ISSUER}`
    : 'not verified: AUTH_ISSUER unset';
  console.log(
    `baseline ready (POST ${route.path}; bearer JWT ${auth}; outbox relay ${process.env.OUTBOX_RELAY === 'off' ? 'off' : `on, to ${topic}`})`,
  );
}

main().catch((error) => {
  console.error('baseline failed to start', error);
  process.exit(1);
});
