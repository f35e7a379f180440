import { Gauge, register } from 'prom-client';
import { ReadinessCheck } from './readiness-check';

const checks: ReadinessCheck[] = [];

/** `bascule_dependency_up{check}`: 1 when the check passes, 0 when not; run at scrape time, 2 s at most each. */
const gauge =
  (register.getSingleMetric('bascule_dependency_up') as Gauge | undefined) ??
  new Gauge({
    name: 'bascule_dependency_up',
    help: 'Whether a dependency of the service answers (readiness and detail checks), at scrape time',
    labelNames: ['check'],
    async collect() {
      await Promise.all(checks.map(async (c) => this.set({ check: c.name }, (await runCheck(c, 2_000)).up ? 1 : 0)));
    },
  });

/** The checks of the latest app win (tests start several apps in one process). */
export function exposeAsMetrics(list: ReadinessCheck[]): void {
  for (const check of list) {
    const index = checks.findIndex((c) => c.name === check.name);
    if (index >= 0) checks[index] = check;
    else checks.push(check);
  }
  void gauge;
}

/** Runs a check with a time limit; a hung dependency is reported down, never blocks the caller. */
export async function runCheck(
  check: ReadinessCheck,
  timeoutMs: number,
): Promise<{ up: true; details: Record<string, unknown> } | { up: false; message: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
  );
  try {
    return { up: true, details: (await Promise.race([check.check(), timeout])) ?? {} };
  } catch (error) {
    return { up: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
