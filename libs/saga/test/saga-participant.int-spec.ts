import { Pool } from 'pg';
import { ContractRegistry, EventEnvelope } from '@bascule/shared/contracts';
import { Delivery, EventHandlerDirectory } from '@bascule/shared/messaging';
import { inTransaction, inUnitOfWork, messagingTablesUp, OutboxWriter, SqlRows } from '@bascule/shared/persistence';
import { createTestDatabase, eventually, TestDatabase } from '@bascule/shared/testing';
import { answer, notYet, SagaParticipant, sagaDeferredCommandsUp, sagaRepliesTableUp } from '../src';
import { sagaCommand } from '../src/testing';
import { trip } from './book-trip.saga';

/**
 * A participant's command deferred until its context learns what it waits for (ADR 0070), on PostgreSQL: the
 * stand-in participant reserves a car once it has learned of the trip (a row in `learned`), and learning it resumes
 * the commands kept for it, in the learning transaction, as the consumer engine would run them.
 */
describe('SagaParticipant: commands deferred until the context learns what they wait for', () => {
  let db: TestDatabase;
  let pool: Pool;
  let learning: Pool;
  let participant: SagaParticipant;
  const handlers = new EventHandlerDirectory();
  let looks = 0;
  /** Called after the work's read and before it says what it read: a test's interleaving goes here. */
  let betweenReadAndAnswer: (look: number) => Promise<void> = async () => undefined;
  let resumedWith: (command: EventEnvelope) => void = () => undefined;

  const reserveCar = (command: EventEnvelope, tx: SqlRows, delivery?: Delivery) => {
    resumedWith(command);
    return participant.answer(command, tx, delivery, async () => {
      const { tripId } = command.payload as { tripId: string };
      const [known] = await tx.query(`SELECT key FROM learned WHERE key = $1`, [tripId]);
      await betweenReadAndAnswer(++looks);
      return known ? answer(trip.carReserved, { carId: `car-of-${tripId}` }) : notYet(`trip:${tripId}`);
    });
  };
  /** As the consumer engine applies a delivery: one transaction, one unit of work. */
  const consume = (command: EventEnvelope, delivery?: Delivery) =>
    inTransaction(pool, (tx) => inUnitOfWork(pool, [], () => reserveCar(command, tx, delivery)));
  /**
   * The context learns of the trip (an event consumed) and resumes what waited for it, in that transaction: on a pool
   * of its own, so that called during a consume it is another transaction, not that one's.
   */
  const learn = (tripId: string) =>
    inTransaction(learning, (tx) =>
      inUnitOfWork(learning, [], async () => {
        await tx.query(`INSERT INTO learned (key) VALUES ($1)`, [tripId]);
        await participant.resume(tx, `trip:${tripId}`);
      }),
    );
  const repliesTo = async (command: EventEnvelope) =>
    (
      await pool.query<{ payload: EventEnvelope }>(
        `SELECT payload FROM outbox WHERE headers->>'causation_id' = $1 ORDER BY seq`,
        [command.id],
      )
    ).rows.map((r) => [r.payload.type, r.payload.payload]);
  const waiting = async () =>
    (await pool.query<{ id: string }>(`SELECT command_id AS id FROM saga_replies WHERE waits_for IS NOT NULL`)).rows;
  const reserve = (tripId: string) => sagaCommand('car.reserve-car', { tripId });

  beforeAll(async () => {
    db = await createTestDatabase('saga_participant');
    pool = new Pool({ ...db.settings, max: 3 });
    learning = new Pool({ ...db.settings, max: 3 });
    for (const statement of [
      ...messagingTablesUp,
      ...sagaRepliesTableUp,
      ...sagaDeferredCommandsUp,
      `CREATE TABLE learned (key text PRIMARY KEY)`,
    ])
      await pool.query(statement);
    participant = new SagaParticipant(new OutboxWriter(new ContractRegistry([trip.carReserved])), handlers);
    handlers.register(new Map([['car.reserve-car', reserveCar]]));
  });

  afterEach(async () => {
    betweenReadAndAnswer = async () => undefined;
    resumedWith = () => undefined;
    await pool.query(`TRUNCATE saga_replies, outbox, learned`);
  });

  afterAll(async () => {
    await pool?.end();
    await learning?.end();
    await db?.drop();
  });

  it('keeps a command it cannot answer yet, answers it in the transaction that learns what it waited for, once', async () => {
    const command = reserve('trip-1');
    await consume(command);
    expect(await repliesTo(command)).toEqual([]);
    expect(await waiting()).toEqual([{ id: command.id }]);

    await learn('trip-1');
    expect(await repliesTo(command)).toEqual([['car.car-reserved', { carId: 'car-of-trip-1' }]]);
    expect(await waiting()).toEqual([]);

    looks = 0;
    await consume(command, { repeated: true }); // the saga's retry, answered meanwhile: the stored reply, no work
    expect(looks).toBe(0);
    expect(await repliesTo(command)).toHaveLength(2);
    await learn('trip-2'); // another trip's learning resumes nothing of this one
    expect(await repliesTo(command)).toHaveLength(2);
  });

  it('a resume committed while the work was looking is seen by its second look: nothing is left waiting', async () => {
    const command = reserve('trip-3');
    betweenReadAndAnswer = async (look) => {
      if (look === 1) await learn('trip-3'); // read nothing; the trip is learned (and resumed, finding none) now
    };
    looks = 0;
    await consume(command);
    expect(looks).toBe(2);
    expect(await repliesTo(command)).toEqual([['car.car-reserved', { carId: 'car-of-trip-3' }]]);
    expect(await waiting()).toEqual([]);
  });

  it('a resume that comes while the command is being kept waits for it, then answers it', async () => {
    const command = reserve('trip-4');
    let learned: Promise<void> | undefined;
    betweenReadAndAnswer = async (look) => {
      if (look !== 2) return;
      learned = learn('trip-4'); // its insert is not seen by this look; its resume waits on the lock held here
      await eventually(async () => {
        const { rows } = await pool.query(
          `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'`,
        );
        return rows.length === 1;
      });
    };
    looks = 0;
    await consume(command);
    await learned;
    expect(await repliesTo(command)).toEqual([['car.car-reserved', { carId: 'car-of-trip-4' }]]);
    expect(await waiting()).toEqual([]);
  });

  it('a command that fails for good when resumed is undone and stays kept; what resumed it commits', async () => {
    const command = reserve('trip-5');
    await consume(command);
    resumedWith = () => {
      throw new Error('a bug in the use case');
    };
    await learn('trip-5');
    expect((await pool.query(`SELECT key FROM learned`)).rows).toEqual([{ key: 'trip-5' }]);
    expect(await waiting()).toEqual([{ id: command.id }]);
    expect(await repliesTo(command)).toEqual([]);
  });

  it('a transient failure of a resumed command fails what resumed it, for the consumer engine to redo', async () => {
    const command = reserve('trip-6');
    await consume(command);
    resumedWith = () => {
      throw Object.assign(new Error('could not serialize access'), { code: '40001' });
    };
    await expect(learn('trip-6')).rejects.toMatchObject({ code: '40001' });
    expect((await pool.query(`SELECT key FROM learned`)).rows).toEqual([]);
    resumedWith = () => undefined;
    await learn('trip-6');
    expect(await repliesTo(command)).toEqual([['car.car-reserved', { carId: 'car-of-trip-6' }]]);
  });
});
