import { Client } from 'pg';
import { PostgresSettings, postgresSettings } from '@bascule/shared/testing';
import { percentiles, progress } from './bench-kit';

/** One side of the saga part: where orders are placed, and how far its sagas went (both sides answer alike). */
export interface SagaSide {
  name: string;
  /** Base URL of POST /orders. */
  url: string;
  /** Sagas ended successfully so far: the orchestrator's COMPLETED, the chain's last reply taken. */
  completed(): Promise<number>;
  /** Where the unfinished ones are, for a stalled run's message and the progress lines. */
  describe(): Promise<string>;
  confirmations: Confirmations;
  stop(): Promise<void>;
}

const CHANNEL = 'bench_order_confirmed';

/**
 * When each order became CONFIRMED, on this process's clock: a bench-only trigger on the side's `orders` table
 * notifies at the commit that confirms it (the same trigger on both sides), and one listening connection records it.
 */
export class Confirmations {
  private readonly at = new Map<string, number>();
  private readonly waiting = new Map<string, () => void>();

  private constructor(private readonly listener: Client) {
    listener.on('notification', ({ payload }) => {
      const id = payload ?? '';
      this.at.set(id, performance.now());
      this.waiting.get(id)?.();
    });
  }

  /**
   * Installs the trigger, as the administrator (the table is the service's), before the side's processes start:
   * creating a trigger waits for every transaction writing to the table.
   */
  static async install(database: string): Promise<void> {
    const admin = new Client(postgresSettings(database));
    await admin.connect();
    try {
      await admin.query(`CREATE OR REPLACE FUNCTION bench_order_confirmed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('${CHANNEL}', NEW.id::text); RETURN NULL; END $$`);
      await admin.query(`CREATE OR REPLACE TRIGGER bench_order_confirmed AFTER UPDATE ON orders FOR EACH ROW
        WHEN (NEW.status = 'CONFIRMED' AND OLD.status IS DISTINCT FROM 'CONFIRMED') EXECUTE FUNCTION bench_order_confirmed()`);
    } finally {
      await admin.end();
    }
  }

  static async listen(settings: PostgresSettings): Promise<Confirmations> {
    const listener = new Client(settings);
    await listener.connect();
    await listener.query(`LISTEN ${CHANNEL}`);
    return new Confirmations(listener);
  }

  of(orderId: string): number | undefined {
    return this.at.get(orderId);
  }

  count(orderIds: string[]): number {
    return orderIds.filter((id) => this.at.has(id)).length;
  }

  close(): Promise<void> {
    return this.listener.end();
  }
}

/** One order placed: when it was sent, and its id (undefined when the answer was not a 201). */
interface Placed {
  sentAt: number;
  id?: string;
}

async function place(side: SagaSide, body: unknown, token: string | undefined): Promise<Placed> {
  const sentAt = performance.now();
  try {
    const answer = await fetch(`${side.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const view = (await answer.json()) as { id?: string };
    return { sentAt, id: answer.status === 201 ? view.id : undefined };
  } catch {
    return { sentAt };
  }
}

export interface Load {
  side: SagaSide;
  body: () => unknown;
  token: string | undefined;
  /** How long a run may wait for its last saga after its last order was placed. */
  timeoutMs: number;
}

export interface RunResult {
  placed: number;
  refusedAtPost: number;
  /** Sagas completed per second, from the first order sent to the last saga completed. */
  completedPerSecond: number;
  /** Orders confirmed per second, from the first sent to the last confirmed. */
  confirmedPerSecond: number;
  p50: number;
  p99: number;
  /** p50 of the first and of the last fifth of the orders: the second well above the first when a backlog grows. */
  firstP50: number;
  lastP50: number;
  /** From the last order sent to the last saga completed. */
  drainMs: number;
  /** Orders placed but never confirmed, sagas never completed, within the timeout. */
  missing: number;
}

export type Pace = { rate: number } | { inFlight: number };

/** `count` orders at `rate` per second (each sent on time, whatever the others' answers), or as fast as `inFlight` allow. */
export async function runOrders(load: Load, label: string, count: number, pace: Pace): Promise<RunResult> {
  const { side } = load;
  const before = await side.completed();
  const started = performance.now();
  const placed: Promise<Placed>[] = [];
  if ('rate' in pace) {
    for (let i = 0; i < count; i++) {
      const due = started + (i * 1000) / pace.rate;
      if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
      placed.push(place(side, load.body(), load.token));
    }
  } else {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next++;
        const one = place(side, load.body(), load.token);
        placed.push(one);
        await one;
      }
    };
    await Promise.all(Array.from({ length: pace.inFlight }, worker));
  }
  const orders = await Promise.all(placed);
  const ids = orders.flatMap((o) => (o.id ? [o.id] : []));
  const done = await waitUntilDone(load, label, ids, before);
  const times = orders.flatMap((o) => {
    const at = o.id ? side.confirmations.of(o.id) : undefined;
    return at === undefined ? [] : [at - o.sentAt];
  });
  const fifth = Math.max(1, Math.floor(times.length / 5));
  const confirmedTimes = ids.map((id) => side.confirmations.of(id) ?? 0);
  return {
    placed: ids.length,
    refusedAtPost: count - ids.length,
    completedPerSecond: done.completed / ((done.completedAt - started) / 1000),
    confirmedPerSecond: times.length / ((Math.max(...confirmedTimes) - started) / 1000),
    ...percentiles(times),
    firstP50: percentiles(times.slice(0, fifth)).p50,
    lastP50: percentiles(times.slice(-fifth)).p50,
    drainMs: done.completedAt - Math.max(...orders.map((o) => o.sentAt)),
    missing: ids.length - Math.min(times.length, done.completed),
  };
}

/** Polls the side until every placed order is confirmed and its saga completed, printing progress every 5 s. */
async function waitUntilDone(load: Load, label: string, ids: string[], before: number) {
  const { side } = load;
  const deadline = Date.now() + load.timeoutMs;
  let reported = Date.now();
  for (;;) {
    const completed = (await side.completed()) - before;
    const confirmed = side.confirmations.count(ids);
    if (completed >= ids.length && confirmed >= ids.length) return { completed, completedAt: performance.now() };
    if (Date.now() > deadline) {
      progress(
        `WARNING ${side.name}, ${label}: ${confirmed} of ${ids.length} confirmed, ${completed} completed after ${load.timeoutMs} ms; ${await side.describe()}`,
      );
      return { completed, completedAt: performance.now() };
    }
    if (Date.now() - reported >= 5_000) {
      reported = Date.now();
      progress(`${side.name}, ${label}: ${confirmed} of ${ids.length} confirmed, ${completed} completed`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
