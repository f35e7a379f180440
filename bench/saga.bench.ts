import { randomBytes } from 'node:crypto';
import { testKafka } from '@bascule/shared/testing';
import { benchToken } from './bench-auth';
import { progress, Row } from './bench-kit';
import { paymentsContext } from './http-contexts';
import { ordersContext } from './http-seeded-contexts';
import { startChainSide } from './saga-chain-side';
import { orchestratorPresent, ORCHESTRATOR_APP, startEngineSide } from './saga-engine-side';
import { Load, Pace, RunResult, runOrders, SagaSide } from './saga-load';

export interface SagaPlan {
  /** Orders of the saturation run. */
  count: number;
  /** Orders of the run at the fixed rate. */
  latencyCount: number;
  rate: number;
  /** Seconds per step of the search for the highest rate that holds. */
  stepSeconds: number;
  /** A rate holds while POST→CONFIRMED p99 stays within this bound, and no backlog grows. */
  p99BoundMs: number;
  inFlight: number;
}

const STEPS = [25, 50, 100, 200, 400, 800];
const RUN_TIMEOUT_MS = Number(process.env.BENCH_SAGA_TIMEOUT_MS ?? 300_000);

/**
 * (5) PlaceOrder, POST /orders with a good card → CONFIRMED → saga completed: through the orchestrator and the four
 * services as processes (bench/saga-engine-side.ts) against the same hops as a bare chain of raw kafkajs consumers and
 * SQL (bench/baseline/bare-saga-chain.ts), same seeds, same orders, same provider; which side runs first alternates.
 */
export async function benchSaga(plan: SagaPlan): Promise<Row[]> {
  const kafka = testKafka('bench-saga');
  const run = randomBytes(4).toString('hex');
  const around = await (paymentsContext.around as NonNullable<typeof paymentsContext.around>)();
  const sides: SagaSide[] = [];
  try {
    sides.push(await startChainSide(kafka, run, around.env));
    if (orchestratorPresent())
      await startEngineSide(kafka, run, around.env).then(
        (engine) => sides.unshift(engine),
        (error) => progress(`WARNING: the engine side did not start, the bare chain alone is measured: ${error}`),
      );
    else progress(`WARNING: ${ORCHESTRATOR_APP} is not in this tree: the bare chain alone is measured (engine: n/a)`);
    // A token per phase and side: none outlives its 5 minutes.
    const loadOf = async (side: SagaSide): Promise<Load> => ({
      side,
      body: ordersContext.body,
      token: await benchToken(),
      timeoutMs: RUN_TIMEOUT_MS,
    });
    // Each phase runs on every side before the next phase; which side goes first alternates from phase to phase.
    const each = async <T>(phase: number, label: string, one: (load: Load) => Promise<T>) => {
      const results = new Map<string, T>();
      for (const side of phase % 2 === 0 ? sides : [...sides].reverse()) {
        progress(`${label}: ${side.name}`);
        results.set(side.name, await one(await loadOf(side)));
      }
      return results;
    };
    const measured = async (load: Load, label: string, count: number, pace: Pace) => {
      const result = await runOrders(load, label, count, pace);
      progress(`${load.side.name}, ${label}: ${summary(result)}`);
      if (process.env.BENCH_SAGA_TRACE) progress(`${load.side.name}: ${await load.side.describe()}`);
      return result;
    };
    await each(0, 'warm-up, 50 orders at 25/s (not measured)', (load) => measured(load, 'warm-up', 50, { rate: 25 }));
    const fixed = await each(1, `${plan.latencyCount} orders at ${plan.rate}/s`, (load) =>
      measured(load, `${plan.rate}/s`, plan.latencyCount, { rate: plan.rate }),
    );
    const saturation = await each(2, `${plan.count} orders, ${plan.inFlight} in flight`, (load) =>
      measured(load, 'saturation', plan.count, { inFlight: plan.inFlight }),
    );
    const highest = await each(
      3,
      `highest rate holding (p99 ≤ ${plan.p99BoundMs} ms, no backlog), ${plan.stepSeconds} s a step`,
      (load) => highestRate(load, plan),
    );
    return rows(plan, fixed, saturation, highest);
  } finally {
    for (const side of sides) await side.stop().catch((error) => progress(`WARNING: ${side.name} stop: ${error}`));
    await around.stop();
  }
}

const holds = (result: RunResult, plan: SagaPlan, rate: number) =>
  result.missing === 0 &&
  result.confirmedPerSecond >= 0.9 * rate &&
  result.refusedAtPost === 0 &&
  result.p99 <= plan.p99BoundMs &&
  result.lastP50 <= 2 * result.firstP50 + 50 &&
  result.drainMs <= plan.p99BoundMs + 1_000;

/** Doubles the rate from 25/s while it holds, then tries once half-way to the first that did not. */
async function highestRate(load: Load, plan: SagaPlan): Promise<number> {
  const step = async (rate: number) => {
    const result = await runOrders(load, `${rate}/s`, Math.round(rate * plan.stepSeconds), { rate });
    const ok = holds(result, plan, rate);
    progress(`${load.side.name} at ${rate}/s: ${summary(result)} → ${ok ? 'holds' : 'does not hold'}`);
    return ok;
  };
  let best = 0;
  let failed: number | undefined;
  for (const rate of STEPS) {
    if (!(await step(rate))) {
      failed = rate;
      break;
    }
    best = rate;
  }
  if (best > 0 && failed !== undefined && (await step((best + failed) / 2))) best = (best + failed) / 2;
  return best;
}

function summary(r: RunResult): string {
  return `${r.placed} placed (${r.refusedAtPost} refused at POST), ${r.completedPerSecond.toFixed(1)} completed/s, ${r.confirmedPerSecond.toFixed(1)} confirmed/s, POST→CONFIRMED p50 ${r.p50.toFixed(0)} ms p99 ${r.p99.toFixed(0)} ms (first fifth p50 ${r.firstP50.toFixed(0)}, last ${r.lastP50.toFixed(0)}), drained ${r.drainMs.toFixed(0)} ms after the last order, ${r.missing} unfinished`;
}

type BySide<T> = Map<string, T>;
const ENGINE = 'engine';
const CHAIN = 'bare chain';

function rows(plan: SagaPlan, fixed: BySide<RunResult>, saturation: BySide<RunResult>, highest: BySide<number>): Row[] {
  const pair = <T>(by: BySide<T>, pick: (value: T) => number) => {
    const of = (name: string) => (by.has(name) ? pick(by.get(name) as T) : NaN);
    return { bascule: of(ENGINE), baseline: of(CHAIN) };
  };
  const unfinished = (r: RunResult) => r.refusedAtPost + r.missing;
  const atRate = `PlaceOrder saga at ${plan.rate}/s offered (${plan.latencyCount} orders)`;
  const atSaturation = `PlaceOrder saga at saturation (${plan.count} orders, ${plan.inFlight} in flight)`;
  const both = pair(fixed, unfinished);
  const alsoSaturated = pair(saturation, unfinished);
  return [
    {
      scenario: atSaturation,
      measure: 'sagas completed/s',
      ...pair(saturation, (r) => r.completedPerSecond),
      higherIsBetter: true,
    },
    { scenario: atRate, measure: 'POST→CONFIRMED p50 ms', ...pair(fixed, (r) => r.p50), higherIsBetter: false },
    { scenario: atRate, measure: 'POST→CONFIRMED p99 ms', ...pair(fixed, (r) => r.p99), higherIsBetter: false },
    {
      scenario: atRate,
      measure: 'confirmed/s measured',
      ...pair(fixed, (r) => r.confirmedPerSecond),
      higherIsBetter: 'none',
    },
    {
      scenario: `PlaceOrder saga: highest rate holding (p99 ≤ ${plan.p99BoundMs} ms, no backlog; steps ${STEPS.join(', ')}/s)`,
      measure: 'orders/s',
      ...pair(highest, (rate) => rate),
      higherIsBetter: true,
    },
    {
      scenario: 'PlaceOrder saga, fixed-rate and saturation runs',
      measure: 'unfinished (refused at POST + not completed)',
      bascule: both.bascule + alsoSaturated.bascule,
      baseline: both.baseline + alsoSaturated.baseline,
      higherIsBetter: 'none',
    },
  ];
}
