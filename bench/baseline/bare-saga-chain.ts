// Baseline of the saga part of `npm run bench`: PlaceOrder's hops as a bare chain, in one process, with no engine,
// inbox or outbox. POST /orders is the bare orders route (bearer JWT, Ajv, its SQL), its order-placed sent with raw
// kafkajs right after the commit; then each hop is a raw kafkajs consumer (eachBatch, one transaction per batch,
// kafkajs's own offset commits) that runs its SQL and produces the next message: a coordinator turns each reply
// into the next command, as the orchestrator does, but keeps nothing (the data rides in the messages).
// Settings: PORT, ORDERS_URL, INVENTORY_URL, PAYMENT_URL, BILLING_URL (databases), PAYMENT_PROVIDER_URL, CHAIN_RUN.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import Fastify from 'fastify';
import { EachBatchPayload, Producer } from 'kafkajs';
import { Pool, PoolClient } from 'pg';
import { createKafka, kafkaSettingsFromEnv } from '@bascule/shared/messaging';
import { EventEnvelope } from '@bascule/shared/contracts';
import { bearerVerifier } from './bare-auth';
import { BareTools } from './bare-route';
import { ordersRoute } from './routes/orders';
import * as hops from './saga-chain-hops';
import { ChainMessage, chainTopics, Decision, Hop, NEXT_COMMAND } from './saga-chain-hops';

const PARTITIONS_AT_ONCE = 6;
const PROVIDER_DEADLINE_MS = 5000;
const env = process.env;
const topics = chainTopics(env.CHAIN_RUN ?? 'local');
const pools = {
  orders: new Pool({ connectionString: env.ORDERS_URL, max: 10 }),
  inventory: new Pool({ connectionString: env.INVENTORY_URL, max: PARTITIONS_AT_ONCE }),
  payment: new Pool({ connectionString: env.PAYMENT_URL, max: PARTITIONS_AT_ONCE }),
  billing: new Pool({ connectionString: env.BILLING_URL, max: PARTITIONS_AT_ONCE }),
};
const kafka = createKafka(kafkaSettingsFromEnv('bench-saga-chain'));
// A plain producer (acks from every replica, as the relays ask), shared by every hop: requests go out concurrently.
const producer = kafka.producer();
const counts = { completed: 0, refused: 0 };
/** Per topic: the last 1,000 waits from the producer's hand to the consumer's batch, and the hops' work (ms). */
const legs = new Map<string, number[]>();
const note = (leg: string, ms: number) => {
  const kept = legs.get(leg) ?? [];
  if (kept.push(ms) > 1_000) kept.shift();
  legs.set(leg, kept);
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const send = (messages: { topic: string; key: string; message: ChainMessage }[]) =>
  messages.length === 0
    ? Promise.resolve()
    : producer.sendBatch({
        acks: -1,
        topicMessages: Object.values(topics)
          .map((topic) => ({
            topic,
            messages: messages
              .filter((m) => m.topic === topic)
              .map((m) => ({ key: m.key, value: JSON.stringify({ ...m.message, sentAt: Date.now() }) })),
          }))
          .filter((t) => t.messages.length > 0),
      });

async function inTransaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  try {
    await tx.query('BEGIN');
    const result = await work(tx);
    await tx.query('COMMIT');
    return result;
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
}

/** A raw kafkajs consumer in its own group, from the topics' start (they are the run's own). */
async function consume(name: string, topicNames: string[], each: (batch: ChainMessage[]) => Promise<void>) {
  const consumer = kafka.consumer({ groupId: `bench-saga-chain-${env.CHAIN_RUN}-${name}` });
  await consumer.connect();
  await consumer.subscribe({ topics: topicNames, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
    eachBatch: async ({ batch }: EachBatchPayload) => {
      const started = Date.now();
      const messages = batch.messages.map((m) => JSON.parse(String(m.value)) as ChainMessage);
      for (const m of messages) note(`${batch.topic} wait`, started - (m.sentAt ?? started));
      await each(messages);
      note(`${name} batch`, Date.now() - started);
    },
  });
  return consumer;
}

/** The coordinator: each reply → the next command (or the end of the chain); no state, no SQL. */
const coordinate = async (batch: ChainMessage[]) => {
  const next: { topic: string; key: string; message: ChainMessage }[] = [];
  for (const message of batch) {
    const step = NEXT_COMMAND[message.type];
    if (step === 'done') counts.completed++;
    else if (step)
      next.push({ topic: topics[step.topic], key: message.data.orderId, message: { ...step, data: message.data } });
    else counts.refused++;
  }
  await send(next);
};

/** A participant: its hops' SQL for the whole batch in one transaction, then the replies. */
const participant =
  (
    pool: Pool,
    byType: Record<string, Hop>,
    before: {
      prepare?: (m: ChainMessage) => Promise<unknown>;
      lock?: (tx: PoolClient, batch: ChainMessage[]) => Promise<void>;
    } = {},
  ) =>
  async (batch: ChainMessage[]) => {
    const prepared = await Promise.all(batch.map((m) => before.prepare?.(m)));
    const outcomes = await inTransaction(pool, async (tx) => {
      await before.lock?.(tx, batch);
      const done: (true | string)[] = [];
      for (const [i, message] of batch.entries()) done.push(await byType[message.type](tx, message, prepared[i]));
      return done;
    });
    await send(
      batch.map((message, i) => ({
        topic: topics.replies,
        key: message.data.orderId,
        message:
          outcomes[i] === true
            ? { type: `${message.type}-succeeded`, data: message.data }
            : { type: `${message.type}-refused`, data: message.data, reason: outcomes[i] as string },
      })),
    );
  };

/** The provider's decision for an authorization (same body and idempotency key as payment-service's adapter). */
async function askProvider(message: ChainMessage): Promise<Decision | undefined> {
  if (message.type !== 'authorize-payment') return undefined;
  const { orderId, total, token } = message.data;
  const answer = await fetch(new URL('/authorizations', env.PAYMENT_PROVIDER_URL), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `authorize-${orderId}` },
    body: JSON.stringify({ orderId, amount: total, token }),
    signal: AbortSignal.timeout(PROVIDER_DEADLINE_MS),
  });
  if (!answer.ok) throw new Error(`payment provider answered HTTP ${answer.status}`);
  return (await answer.json()) as Decision;
}

/** POST /orders: the bare orders route; its order-placed goes to Kafka once its transaction committed. */
async function serveOrders(placed: Producer): Promise<() => Promise<void>> {
  const verify = await bearerVerifier(env, ordersRoute.role);
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false }), ['uuid']);
  const validate = ajv.compile(ordersRoute.body);
  const server = Fastify({ bodyLimit: 64 * 1024 });
  const pending = new WeakMap<PoolClient, EventEnvelope[]>();
  const tools: Omit<BareTools, 'correlationId'> = {
    transaction: async (work) => {
      const events: EventEnvelope[] = [];
      await inTransaction(pools.orders, async (tx) => {
        pending.set(tx, events);
        await work(tx);
      });
      await placed.send({
        topic: topics.placed,
        acks: -1,
        messages: events.map((e) => ({
          key: e.aggregateId,
          value: JSON.stringify({ ...placedMessage(e), sentAt: Date.now() }),
        })),
      });
    },
    appendOutbox: async (tx, event) => void pending.get(tx)?.push(event),
    readOne: async (sql, id) => (await pools.orders.query(sql, [id])).rows[0],
    readAll: async (sql, params) => (await pools.orders.query(sql, params)).rows,
  };
  server.post('/orders', async (request, reply) => {
    const started = Date.now();
    const refused = await verify(request.headers.authorization);
    if (refused) return reply.status(refused.status).send(refused);
    if (!validate(request.body)) return reply.status(400).send(validate.errors);
    const { id, view } = await ordersRoute.handle(request.body as never, {
      ...tools,
      correlationId: String(request.id),
    });
    note('POST /orders', Date.now() - started);
    return reply.status(201).header('location', `/orders/${id}`).send(view);
  });
  server.get('/chain', async () => ({
    ...counts,
    medianMs: Object.fromEntries(
      [...legs].map(([leg, values]) => [leg.replace(/^bench-saga-\w+\./, ''), median(values)]),
    ),
  }));
  await server.listen({ port: Number(env.PORT), host: '127.0.0.1' });
  return () => server.close();
}

/** order-placed as the chain carries it: what the later hops need of the order, and its card token. */
function placedMessage(event: EventEnvelope): ChainMessage {
  const order = event.payload as {
    orderId: string;
    total: ChainMessage['data']['total'];
    lines: ChainMessage['data']['lines'];
    payment: { token: string };
  };
  return {
    type: event.type,
    data: {
      orderId: order.orderId,
      total: order.total,
      lines: order.lines.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
      token: order.payment.token,
    },
  };
}

async function main() {
  await producer.connect();
  const consumers = await Promise.all([
    consume('coordinator', [topics.placed, topics.replies], coordinate),
    consume(
      'inventory',
      [topics.inventory],
      participant(pools.inventory, { 'reserve-stock': hops.reserveStock }, { lock: hops.lockStockRows }),
    ),
    consume(
      'payment',
      [topics.payment],
      participant(
        pools.payment,
        { 'authorize-payment': hops.authorizePayment, 'capture-payment': hops.capturePayment },
        { prepare: askProvider },
      ),
    ),
    consume('orders', [topics.orders], participant(pools.orders, { 'confirm-order': hops.confirmOrder })),
    consume('billing', [topics.billing], participant(pools.billing, { 'issue-invoice': hops.issueInvoice })),
  ]);
  const stopServer = await serveOrders(producer);
  process.once('SIGTERM', () => {
    void (async () => {
      await stopServer();
      await Promise.all(consumers.map((c) => c.disconnect()));
      await producer.disconnect();
      await Promise.all(Object.values(pools).map((p) => p.end()));
    })().finally(() => process.exit(0));
  });
  console.log(`bare saga chain ready (POST /orders on ${env.PORT}; topics ${Object.values(topics).join(', ')})`);
}

main().catch((error) => {
  console.error('bare saga chain failed to start', error);
  process.exit(1);
});
