import { randomBytes, randomUUID } from 'node:crypto';
import { Consumer, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { ContractRegistry, EventContract, EventEnvelope } from '@bascule/shared/contracts';
import {
  ConsumerEngine,
  createIdempotentProducer,
  DeadLetterPublisher,
  defaultRelayOptions,
  dlqTopicOf,
  eventConsumer,
  OutboxRelay,
} from '@bascule/shared/messaging';
import { messagingTablesUp, outboxAllViewUp } from '@bascule/shared/persistence';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  TestDatabase,
  testKafka,
} from '@bascule/shared/testing';
import { sagaContracts, sagaReply, sagaReplyHandlers, SagaOrchestrator, sagasTableUp } from '../src';
import { bookTripSaga, tripMessages } from './book-trip.saga';

const quiet = { warn: () => undefined, info: () => undefined, error: () => undefined };

/**
 * The whole loop on Kafka: the outbox relay publishes the saga's commands, a stand-in participant answers each one
 * on the replies topic three times (twice the same reply, once the same answer under a new id), and the
 * orchestrator consumes the replies through the inbox. Every saga completes with one command per step.
 */
describe('saga commands and replies over Kafka', () => {
  const suffix = `-${randomBytes(4).toString('hex')}`;
  const messages = tripMessages(suffix);
  const saga = bookTripSaga({}, messages);
  const repliesTopic = messages.carReserved.topic;
  const commandTopics = [
    ...new Set([messages.reserveCar, messages.chargeCard, messages.sendItinerary].map((c) => c.topic)),
  ];
  const answers: Record<string, [EventContract, (command: EventEnvelope) => unknown]> = {
    'car.reserve-car': [messages.carReserved, (c) => ({ carId: `car-of-${c.aggregateId}` })],
    'card.charge-card': [messages.cardCharged, () => ({ chargeId: randomUUID() })],
    'mail.send-itinerary': [messages.itinerarySent, (c) => ({ tripId: (c.payload as { tripId: string }).tripId })],
  };
  const kafka = testKafka();
  let db: TestDatabase;
  let pool: Pool;
  let producer: Producer;
  let relay: OutboxRelay;
  let replies: ConsumerEngine;
  let participant: Consumer;
  let orchestrator: SagaOrchestrator;

  beforeAll(async () => {
    db = await createTestDatabase('saga_replies');
    pool = new Pool({ ...db.settings, max: 8 });
    for (const statement of [...messagingTablesUp, outboxAllViewUp, ...sagasTableUp]) await pool.query(statement);
    await createTopics(kafka, [...commandTopics, repliesTopic, dlqTopicOf(repliesTopic)], 3);
    producer = createIdempotentProducer(kafka);
    await producer.connect();
    orchestrator = new SagaOrchestrator(pool, [saga]);
    relay = new OutboxRelay(
      pool,
      producer,
      { ...defaultRelayOptions, name: `saga${suffix}`, pollIntervalMs: 100 },
      quiet,
    );
    await relay.start();
    replies = eventConsumer(pool, {
      kafka,
      deadLetters: new DeadLetterPublisher(producer),
      groupId: `saga-replies${suffix}`,
      topics: [repliesTopic],
      contracts: new ContractRegistry(sagaContracts([saga])),
      handlers: sagaReplyHandlers(orchestrator, [saga]),
      logger: quiet,
    });
    await replies.start();
    participant = kafka.consumer({ groupId: `participant${suffix}` });
    await participant.connect();
    await participant.subscribe({ topics: commandTopics, fromBeginning: true });
    await participant.run({ eachMessage: async ({ message }) => answer(JSON.parse(message.value!.toString())) });
  });

  afterAll(async () => {
    await participant?.disconnect();
    await replies?.stop();
    await relay?.stop();
    await producer?.disconnect();
    await pool?.end();
    await deleteTopics(kafka, [...commandTopics, repliesTopic, dlqTopicOf(repliesTopic)]);
    await db?.drop();
  });

  async function answer(command: EventEnvelope): Promise<void> {
    const [contract, payload] = answers[command.type];
    const reply = sagaReply(command, contract, payload(command) as never, {
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
    });
    const again = { ...reply, id: randomUUID() };
    await producer.send({
      topic: repliesTopic,
      messages: [reply, reply, again].map((r) => ({ key: r.aggregateId, value: JSON.stringify(r) })),
    });
  }

  it('completes every saga, one command per step, though each reply arrives three times', async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    for (const sagaId of ids)
      await orchestrator.start(saga, {
        sagaId,
        correlationId: `corr-${sagaId}`,
        causationId: null,
        data: { tripId: sagaId },
      });
    await eventually(
      async () => {
        const { rows } = await pool.query(`SELECT count(*)::int AS n FROM sagas WHERE status = 'COMPLETED'`);
        return rows[0].n === ids.length;
      },
      60_000,
      200,
    );
    for (const sagaId of ids) {
      const { rows: commands } = await pool.query(
        `SELECT type, headers FROM outbox_all WHERE aggregateid = $1 ORDER BY seq`,
        [sagaId],
      );
      expect(commands.map((c) => c.type)).toEqual(['car.reserve-car', 'card.charge-card', 'mail.send-itinerary']);
      expect(commands.every((c) => c.headers.correlation_id === `corr-${sagaId}`)).toBe(true);
      const stored = await orchestrator.find<{ carId: string }>(sagaId);
      expect(stored.data.carId).toBe(`car-of-${sagaId}`);
      expect(stored.history.filter((h) => h.event === 'succeeded')).toHaveLength(3);
    }
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM inbox`);
    expect(rows[0].n).toBe(ids.length * 3 * 2);
  });
});
