import { randomUUID } from 'node:crypto';
import { Consumer } from 'kafkajs';
import { Pool } from 'pg';
import { EventContract, EventEnvelope } from '@bascule/shared/contracts';
import { ConsumerRig } from '@bascule/shared/messaging/testing';
import { messagingTablesUp, outboxAllViewUp } from '@bascule/shared/persistence';
import { createTestDatabase, eventually, TestDatabase } from '@bascule/shared/testing';
import { sagaContracts, sagaReply, sagaReplyHandlers, SagaOrchestrator, sagasTableUp } from '../src';
import { bookTripSaga, tripMessages } from './book-trip.saga';

/**
 * The whole loop on Kafka: the outbox relay publishes the saga's commands, a stand-in participant answers each one
 * on the replies topic three times (twice the same reply, once the same answer under a new id), and the
 * orchestrator consumes the replies through the inbox. Every saga completes with one command per step.
 */
describe('saga commands and replies over Kafka', () => {
  const rig = new ConsumerRig();
  const messages = tripMessages(`-${rig.suffix}`);
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
  let db: TestDatabase;
  let pool: Pool;
  let participant: Consumer;
  let orchestrator: SagaOrchestrator;

  beforeAll(async () => {
    db = await createTestDatabase('saga_replies');
    pool = new Pool({ ...db.settings, max: 8 });
    for (const statement of [...messagingTablesUp, outboxAllViewUp, ...sagasTableUp]) await pool.query(statement);
    orchestrator = new SagaOrchestrator(pool, [saga]);
    await rig.start(pool, {
      groupId: `saga-replies-${rig.suffix}`,
      topics: [repliesTopic],
      alsoTopics: commandTopics,
      contracts: sagaContracts([saga]),
      handlers: sagaReplyHandlers(orchestrator, [saga]),
    });
    participant = rig.kafka.consumer({ groupId: `participant-${rig.suffix}` });
    await participant.connect();
    await participant.subscribe({ topics: commandTopics, fromBeginning: true });
    await participant.run({ eachMessage: async ({ message }) => answer(JSON.parse(message.value!.toString())) });
  });

  afterAll(async () => {
    await participant?.disconnect();
    await rig.stop();
    await pool?.end();
    await db?.drop();
  });

  async function answer(command: EventEnvelope): Promise<void> {
    const [contract, payload] = answers[command.type];
    const reply = sagaReply(command, contract, payload(command) as never, {
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
    });
    const again = { ...reply, id: randomUUID() };
    await rig.send(repliesTopic, reply, reply, again);
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
