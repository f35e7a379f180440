import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@bascule/shared/contracts';
import { FixedClock } from '@bascule/shared/ddd';
import { executorOf, inUnitOfWork, openMigratedDataSource, platformMigrations } from '@bascule/shared/persistence';
import { countingPool } from '@bascule/shared/persistence/testing';
import {
  createTestDatabase,
  eventually,
  spawnTs,
  TestDatabase,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import { sagaMigrations, sagaReply, SagaOrchestrator, SagaState, SagaTimer } from '../src';
import { bookTrip, bookTripSaga, trip, TripData } from './book-trip.saga';

const sagaProcess = 'libs/saga/test/saga-process.ts';

interface CommandRow {
  id: string;
  type: string;
  aggregateid: string;
  topic: string;
  payload: EventEnvelope;
  headers: Record<string, string>;
}

describe('the saga orchestrator on PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let pool: Pool;
  const clock = new FixedClock(new Date());
  let orchestrator: SagaOrchestrator;

  beforeAll(async () => {
    db = await createTestDatabase('saga_engine');
    const { host, port, user, password, database } = db.settings;
    dataSource = await openMigratedDataSource({
      type: 'postgres',
      host,
      port,
      username: user,
      password,
      database,
      migrations: [...platformMigrations, ...sagaMigrations],
      migrationsRun: true,
    });
    pool = new Pool({ ...db.settings, max: 5 });
    orchestrator = new SagaOrchestrator(pool, [bookTrip], { clock });
  });

  afterAll(async () => {
    await pool?.end();
    await dataSource?.destroy();
    await db?.drop();
  });

  const commandsOf = async (sagaId: string): Promise<CommandRow[]> =>
    (
      await pool.query<CommandRow>(
        `SELECT id, type, aggregateid, topic, payload, headers FROM outbox_all WHERE aggregateid = $1 ORDER BY seq`,
        [sagaId],
      )
    ).rows;
  const stored = (sagaId: string) => orchestrator.find<TripData>(sagaId);
  const start = (sagaId: string = randomUUID(), using = orchestrator) =>
    using.start(bookTrip, { sagaId, correlationId: randomUUID(), causationId: randomUUID(), data: { tripId: sagaId } });
  const replyTo = (command: CommandRow, contract: (typeof trip)[keyof typeof trip], payload: unknown) =>
    sagaReply(command.payload, contract, payload as never, { id: randomUUID(), occurredAt: new Date().toISOString() });
  const raise = (table: string, when: string) =>
    pool.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE 'refused by the test'; END $$;
      CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION refuse()`);
  const stopRaising = (table: string) => pool.query(`DROP TRIGGER refuse ON ${table}; DROP FUNCTION refuse()`);
  /** What the relay does once Kafka acknowledged: the rows queued so far move to `outbox_sent`. */
  const relayed = () =>
    pool.query(`WITH sent AS (DELETE FROM outbox RETURNING seq, id, aggregatetype, aggregateid, type, version, topic,
        payload, headers, created_at)
      INSERT INTO outbox_sent (seq, id, aggregatetype, aggregateid, type, version, topic, payload, headers, created_at,
        sent_at) SELECT *, clock_timestamp() FROM sent`);

  describe('state and commands commit together', () => {
    it('starts a saga with its first command in the outbox, keyed by saga id, with correlation and causation', async () => {
      const saga = await start();
      const [command] = await commandsOf(saga.id);
      expect(command).toMatchObject({ type: 'car.reserve-car', topic: 'car.commands.v1', aggregateid: saga.id });
      expect(command.headers).toMatchObject({ correlation_id: saga.correlationId, event_type: 'car.reserve-car' });
      expect(command.headers.causation_id).toBe(command.payload.causationId);
      expect(await stored(saga.id)).toMatchObject({
        status: 'RUNNING',
        currentStep: 'reserve-car',
        commandIds: [command.id],
      });
      expect(await start(saga.id)).toEqual(await stored(saga.id));
      expect(await commandsOf(saga.id)).toHaveLength(1);
    });

    it('a command the outbox refuses leaves the saga where it was; delivered again, the reply moves it once', async () => {
      const saga = await start();
      const [reserve] = await commandsOf(saga.id);
      const reply = replyTo(reserve, trip.carReserved, { carId: 'car-1' });
      await raise('outbox', `NEW.type = 'card.charge-card'`);
      try {
        await expect(orchestrator.handleReply(reply)).rejects.toThrow('refused by the test');
      } finally {
        await stopRaising('outbox');
      }
      expect(await stored(saga.id)).toEqual(saga);
      expect((await commandsOf(saga.id)).map((c) => c.type)).toEqual(['car.reserve-car']);
      await orchestrator.handleReply(reply);
      await orchestrator.handleReply(reply);
      expect((await commandsOf(saga.id)).map((c) => c.type)).toEqual(['car.reserve-car', 'card.charge-card']);
      expect(await stored(saga.id)).toMatchObject({
        currentStep: 'charge-card',
        data: { carId: 'car-1' },
        version: saga.version + 1,
      });
    });

    it("in a consumer's batch each saga is locked once and all are written by one statement at the end", async () => {
      const [first, second] = [await start(), await start()];
      const [reserveFirst] = await commandsOf(first.id);
      const [reserveSecond] = await commandsOf(second.id);
      const counting = countingPool(pool);
      const batching = new SagaOrchestrator(counting.pool, [bookTrip], { clock });
      await inUnitOfWork(counting.pool, [], async () => {
        const reserved = (await batching.handleReply(replyTo(reserveFirst, trip.carReserved, { carId: 'c1' })))!;
        // The next reply of the same saga answers the command that one sent, not written anywhere yet.
        const charge = { ...reserveFirst, payload: { ...reserveFirst.payload, id: reserved.commandIds.at(-1)! } };
        await batching.handleReply(replyTo(charge, trip.cardCharged, { chargeId: 'ch-1' }));
        await batching.handleReply(replyTo(reserveSecond, trip.carReserved, { carId: 'c2' }));
        expect(await stored(first.id)).toEqual(first); // nothing written before the flush
      });
      expect(counting.statements).toEqual(['BEGIN', 'SELECT', 'SELECT', 'INSERT', 'UPDATE', 'COMMIT']);
      expect(await stored(first.id)).toMatchObject({
        currentStep: 'send-itinerary',
        data: { carId: 'c1', chargeId: 'ch-1' },
        version: first.version + 2,
      });
      expect(await stored(second.id)).toMatchObject({ currentStep: 'charge-card', version: second.version + 1 });
      expect((await commandsOf(first.id)).map((c) => c.type)).toEqual([
        'car.reserve-car',
        'card.charge-card',
        'mail.send-itinerary',
      ]);
    });

    it('a batch whose saga changed since it was loaded writes nothing (the engine redoes it)', async () => {
      const saga = await start();
      const [reserve] = await commandsOf(saga.id);
      const batch = inUnitOfWork(pool, [], async () => {
        await orchestrator.handleReply(replyTo(reserve, trip.carReserved, { carId: 'c' }));
        // Another writer moves the row's version under the batch (none can while its lock is held; a bug could).
        await executorOf(pool).query(`UPDATE sagas SET version = version + 5 WHERE id = $1`, [saga.id]);
      });
      await expect(batch).rejects.toThrow('1 saga(s) changed since loaded');
      expect(await stored(saga.id)).toEqual(saga);
      expect((await commandsOf(saga.id)).map((c) => c.type)).toEqual(['car.reserve-car']);
    });

    it('a state the table refuses sends no command', async () => {
      const saga = await start();
      const [reserve] = await commandsOf(saga.id);
      await raise('sagas', `NEW.current_step = 'charge-card'`);
      try {
        await expect(orchestrator.handleReply(replyTo(reserve, trip.carReserved, { carId: 'c' }))).rejects.toThrow(
          'refused by the test',
        );
      } finally {
        await stopRaising('sagas');
      }
      expect((await commandsOf(saga.id)).map((c) => c.type)).toEqual(['car.reserve-car']);
    });
  });

  describe('a crash at any point resumes from the stored state', () => {
    const crashed = async (env: Record<string, string>, hold: 'before-commit' | 'after-commit') => {
      const { user, password, host, port } = db.settings;
      const child = spawnTs(sagaProcess, {
        DATABASE_URL: `postgres://${user}:${password}@${host}:${port}/${db.name}`,
        HOLD: hold,
        ...env,
      });
      try {
        await waitForOutput(child, hold === 'before-commit' ? /not committed/ : /transition committed/);
      } finally {
        child.kill('SIGKILL');
        await waitForExit(child);
      }
    };

    it('killed with a reply applied but not committed: nothing of it stays, and the redelivered reply moves the saga', async () => {
      const saga = await start();
      const [reserve] = await commandsOf(saga.id);
      const reply = replyTo(reserve, trip.carReserved, { carId: 'car-9' });
      await crashed({ MODE: 'reply', REPLY: JSON.stringify(reply) }, 'before-commit');
      expect(await stored(saga.id)).toEqual(saga);
      expect(await commandsOf(saga.id)).toHaveLength(1);
      await orchestrator.handleReply(reply);
      expect((await commandsOf(saga.id)).map((c) => c.type)).toEqual(['car.reserve-car', 'card.charge-card']);
    });

    it('killed just after committing a reply: the next instance goes on from there, the reply again changes nothing', async () => {
      const saga = await start();
      const [reserve] = await commandsOf(saga.id);
      const reply = replyTo(reserve, trip.carReserved, { carId: 'car-9' });
      await crashed({ MODE: 'reply', REPLY: JSON.stringify(reply) }, 'after-commit');
      const after = await stored(saga.id);
      expect(after).toMatchObject({ currentStep: 'charge-card', version: saga.version + 1 });
      await orchestrator.handleReply(reply);
      expect(await stored(saga.id)).toEqual(after);
      const [, charge] = await commandsOf(saga.id);
      await orchestrator.handleReply(replyTo(charge, trip.cardCharged, { chargeId: 'ch' }));
      expect(await stored(saga.id)).toMatchObject({ currentStep: 'send-itinerary' });
    });

    it('killed while firing a deadline: the next instance fires it, once', async () => {
      const saga = await start();
      const due = new Date(clock.now().getTime() + 5_000);
      await crashed({ MODE: 'deadline', NOW: due.toISOString() }, 'before-commit');
      expect(await stored(saga.id)).toEqual(saga);
      const later = new SagaOrchestrator(pool, [bookTrip], { clock: new FixedClock(due) });
      expect(await later.fireDue(1_000)).toBeGreaterThanOrEqual(1);
      const fired = await stored(saga.id);
      expect(fired.history.filter((h) => h.event === 'timed-out')).toHaveLength(1);
      expect(fired).toMatchObject({ waitingFor: 'retry', attempt: 1 });
    });
  });

  describe('the durable timer', () => {
    it('two orchestrators firing the same due deadlines fire each once', async () => {
      const past = new FixedClock(new Date(Date.now() - 3_600_000));
      const starter = new SagaOrchestrator(pool, [bookTrip], { clock: past });
      const sagas: SagaState[] = [];
      for (let i = 0; i < 200; i++) sagas.push(await start(randomUUID(), starter));
      const now = new FixedClock(new Date());
      const pools = [new Pool({ ...db.settings, max: 3 }), new Pool({ ...db.settings, max: 3 })];
      try {
        const instances = pools.map((p) => new SagaOrchestrator(p, [bookTrip], { clock: now, random: () => 1 }));
        const drain = async (instance: SagaOrchestrator) => {
          let total = 0;
          for (let fired = -1; fired !== 0; total += fired) fired = await instance.fireDue(7);
          return total;
        };
        const timeouts = await Promise.all(instances.map(drain));
        expect(timeouts[0] + timeouts[1]).toBeGreaterThanOrEqual(200);
        await relayed(); // the first attempts went out, so each retry is queued again
        now.advance(1_000); // the end of each saga's backoff: its second attempt
        const retries = await Promise.all(instances.map(drain));
        expect(timeouts.concat(retries).every((n) => n > 0)).toBe(true);
      } finally {
        await Promise.all(pools.map((p) => p.end()));
      }
      for (const saga of sagas) {
        const after = await stored(saga.id);
        const commands = await commandsOf(saga.id);
        expect(after.history.filter((h) => h.event === 'timed-out')).toHaveLength(1);
        expect(commands.map((c) => c.type)).toEqual(['car.reserve-car', 'car.reserve-car']);
        expect(new Set(commands.map((c) => c.id))).toEqual(new Set(after.commandIds)); // the same command, again
        expect(after).toMatchObject({ attempt: 2, waitingFor: 'reply' });
      }
    });

    it('fires timeouts by itself: retries, then the compensation of a step that never replied', async () => {
      const fast = bookTripSaga({ timeoutMs: 150, retry: { maxAttempts: 2, backoff: { initialMs: 50, maxMs: 50 } } });
      const timed = [new SagaOrchestrator(pool, [fast]), new SagaOrchestrator(pool, [fast])];
      const timers = timed.map((o) => new SagaTimer(o, { pollIntervalMs: 20, batchSize: 10 }));
      const saga = await timed[0].start(fast, {
        sagaId: randomUUID(),
        correlationId: 'c',
        causationId: null,
        data: { tripId: 't' },
      });
      timers.forEach((t) => t.start());
      try {
        await eventually(async () => (await stored(saga.id)).status === 'COMPENSATING', 20_000, 50);
      } finally {
        await Promise.all(timers.map((t) => t.stop()));
      }
      // No relay ran: the retry is the reservation still queued, which the outbox does not queue twice.
      expect((await commandsOf(saga.id)).map((c) => c.type)).toEqual(['car.reserve-car', 'car.release-car']);
      const sent = (await stored(saga.id)).history.filter((h) => h.event === 'command-sent');
      expect(sent.map((h) => [h.step, h.phase, h.attempt])).toEqual([
        ['reserve-car', 'forward', 1],
        ['reserve-car', 'forward', 2],
        ['reserve-car', 'compensation', 1],
      ]);
      expect(sent[1].commandId).toBe(sent[0].commandId);
    });
  });

  describe('admin operations', () => {
    it('retries a saga needing attention, and compensates one stopped before its pivot', async () => {
      const saga = await start();
      const [reserve] = await commandsOf(saga.id);
      await orchestrator.handleReply(replyTo(reserve, trip.cardCharged, { chargeId: 'wrong reply' }));
      expect(await stored(saga.id)).toMatchObject({ status: 'NEEDS_ATTENTION' });
      expect(await orchestrator.retry(saga.id)).toMatchObject({ status: 'RUNNING', attempt: 1 });
      const [, again] = await commandsOf(saga.id);
      expect(again.type).toBe('car.reserve-car');
      await orchestrator.handleReply(replyTo(again, trip.tripCancelled, { tripId: 'unexpected' }));
      expect(await orchestrator.compensate(saga.id)).toMatchObject({
        status: 'COMPENSATING',
        currentStep: 'reserve-car',
      });
      expect((await commandsOf(saga.id)).map((c) => c.type).at(-1)).toBe('car.release-car');
      await expect(orchestrator.retry(randomUUID())).rejects.toMatchObject({ code: 'SAGA.NOT_FOUND' });
      await expect(orchestrator.compensate(saga.id)).rejects.toMatchObject({ code: 'SAGA.NOT_NEEDING_ATTENTION' });
    });

    it('lists sagas by status, type, age and a field of their data', async () => {
      const stuck = await start();
      const [reserve] = await commandsOf(stuck.id);
      await orchestrator.handleReply(replyTo(reserve, trip.tripCancelled, { tripId: 'unexpected' }));
      clock.advance(1_000);
      const running = await start();
      const ids = (sagas: SagaState[]) => sagas.map((s) => s.id);
      expect(ids(await orchestrator.list({ dataContains: { tripId: stuck.id } }))).toEqual([stuck.id]);
      expect(ids(await orchestrator.list({ status: 'NEEDS_ATTENTION', limit: 1000 }))).toContain(stuck.id);
      expect(ids(await orchestrator.list({ status: 'NEEDS_ATTENTION', limit: 1000 }))).not.toContain(running.id);
      const newestFirst = ids(await orchestrator.list({ type: 'trip.book-trip', limit: 1000 }));
      expect(newestFirst.indexOf(running.id)).toBeLessThan(newestFirst.indexOf(stuck.id));
      expect(newestFirst.indexOf(running.id)).toBeGreaterThanOrEqual(0);
      expect(
        await orchestrator.list({ startedBefore: new Date(stuck.startedAt), dataContains: { tripId: stuck.id } }),
      ).toEqual([]);
      expect(await orchestrator.list({ type: 'other.saga' })).toEqual([]);
    });
  });
});
