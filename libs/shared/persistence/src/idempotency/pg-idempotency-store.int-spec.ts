import { randomUUID } from 'node:crypto';
import { IdempotentAnswer, IdempotentRequest } from '@bascule/shared/application';
import { createTestDatabase, TestDatabase } from '@bascule/shared/testing';
import { Pool } from 'pg';
import { idempotencyAggregateUp, idempotencyPerCallerUp, idempotencyTableUp } from '../tables/idempotency-tables.sql';
import { executorOf } from '../transactions';
import { PgIdempotencyStore } from './pg-idempotency-store';

describe('PgIdempotencyStore on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PgIdempotencyStore;

  beforeAll(async () => {
    db = await createTestDatabase('idempotency_store');
    pool = new Pool({ ...db.settings, max: 4 });
    for (const statement of [...idempotencyTableUp, ...idempotencyAggregateUp, ...idempotencyPerCallerUp])
      await pool.query(statement);
    await pool.query('CREATE TABLE effects (key text NOT NULL)');
    store = new PgIdempotencyStore(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const requestOf = (overrides: Partial<IdempotentRequest> = {}): IdempotentRequest => ({
    caller: 'portal/user-1',
    operation: 'POST /things',
    key: randomUUID(),
    fingerprint: 'body-1',
    ...overrides,
  });
  /** The effect of a request: a row written on whatever transaction the call runs in. */
  const effect =
    (key: string, id = randomUUID()) =>
    async (): Promise<IdempotentAnswer> => {
      await executorOf(pool).query('INSERT INTO effects (key) VALUES ($1)', [key]);
      return { status: 201, headers: { location: `/things/${id}` }, body: { id }, aggregateId: id };
    };
  const effects = async (key: string) =>
    Number((await pool.query('SELECT count(*) FROM effects WHERE key = $1', [key])).rows[0].count);
  const keys = async (key: string) =>
    Number((await pool.query('SELECT count(*) FROM idempotency_keys WHERE key = $1', [key])).rows[0].count);

  it('runs a key once, replays its answer, refuses another fingerprint, and runs it again for another caller', async () => {
    const request = requestOf();
    const first = await store.once(request, effect(request.key));
    expect(first).toMatchObject({ kind: 'answered', replayed: false });
    expect(await store.once(request, effect(request.key))).toEqual({ ...first, replayed: true });
    expect(await store.once({ ...request, fingerprint: 'body-2' }, effect(request.key))).toEqual({
      kind: 'key-reused',
    });
    const other = await store.once({ ...request, caller: 'portal/user-2' }, effect(request.key));
    expect(other).toMatchObject({ kind: 'answered', replayed: false });
    expect(await effects(request.key)).toBe(2);
    expect(await keys(request.key)).toBe(2);
  });

  it('answers in-flight while the first runs, and the first answer once it has committed', async () => {
    const request = requestOf();
    let finish!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = store.once(request, async () => {
      const answer = await effect(request.key)();
      started();
      await new Promise<void>((resolve) => (finish = resolve));
      return answer;
    });
    await running;
    expect(await store.once(request, effect(request.key))).toEqual({ kind: 'in-flight' });
    expect(await effects(request.key)).toBe(0);
    finish();
    const done = await first;
    expect(await store.once(request, effect(request.key))).toEqual({ ...done, replayed: true });
    expect(await effects(request.key)).toBe(1);
  });

  it('keeps neither the effect nor the key when the request fails after its effect, and runs it on retry', async () => {
    const request = requestOf();
    const failing = async () => {
      await effect(request.key)();
      throw new Error('failed after the effect');
    };
    await expect(store.once(request, failing)).rejects.toThrow('failed after the effect');
    expect(await effects(request.key)).toBe(0);
    expect(await keys(request.key)).toBe(0);
    expect(await store.once(request, effect(request.key))).toMatchObject({ kind: 'answered', replayed: false });
    expect(await effects(request.key)).toBe(1);
  });
});
