import autocannon from 'autocannon';

export interface Row {
  scenario: string;
  measure: string;
  bascule: number;
  baseline: number;
  /** true when a higher number is better (throughput); false for latencies; 'none' for counts (no ratio). */
  higherIsBetter: boolean | 'none';
}

export function progress(message: string): void {
  process.stdout.write(`  · ${message}\n`);
}

export interface LoadResult {
  /** Successful (2xx) answers per second over the run's measured duration: the rate actually served. */
  rps: number;
  /** Every answer, whatever its status, per second. */
  answeredRps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * autocannon POSTing to one URL, each request with a fresh `body()` (unique keys); `rate` fixes the arrival rate (requests/s over
 * all connections). Latency percentiles cover every answer; non-2xx answers, socket errors and timeouts
 * are counted apart and must be reported next to the rates.
 */
export async function loadPosts(
  url: string,
  body: () => unknown,
  seconds: number,
  connections: number,
  rate?: number,
  token?: string,
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    duration: seconds,
    connections,
    overallRate: rate,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(body()) }) }],
  });
  const elapsed = result.duration || seconds;
  return {
    rps: result['2xx'] / elapsed,
    answeredRps: (result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx']) / elapsed,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export function percentiles(values: number[]): { p50: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)] ?? NaN, p99: sorted[Math.floor(sorted.length * 0.99)] ?? NaN };
}

/** Polls `count` until it reaches `target`, printing progress every 5 s; fails after `timeoutMs`. */
export async function waitForCount(
  label: string,
  count: () => Promise<number>,
  target: number,
  timeoutMs: number,
): Promise<void> {
  const started = Date.now();
  let reported = started;
  for (;;) {
    const now = await count();
    if (now >= target) return;
    if (Date.now() - started > timeoutMs) throw new Error(`${label}: ${now} of ${target} after ${timeoutMs} ms`);
    if (Date.now() - reported >= 5_000) {
      reported = Date.now();
      progress(`${label}: ${now} of ${target} (${Math.round((reported - started) / 1000)} s)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function printTable(rows: Row[]): void {
  const header = ['scenario', 'measure', 'bascule', 'baseline', 'ratio'];
  const lines = rows.map((r) => [r.scenario, r.measure, format(r.bascule), format(r.baseline), ratioOf(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const print = (cells: string[]) => console.log(`| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
  print(header);
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  lines.forEach(print);
  console.log(
    'ratio: bascule ÷ baseline for throughput, baseline ÷ bascule for latency (1.00× = as fast as the baseline); counts have none',
  );
}

function ratioOf(r: Row): string {
  if (r.higherIsBetter === 'none') return '—';
  const ratio = r.higherIsBetter ? r.bascule / r.baseline : r.baseline / r.bascule;
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a';
}

const format = (n: number) => (Number.isNaN(n) ? 'n/a' : Number.isInteger(n) || n >= 100 ? n.toFixed(0) : n.toFixed(1));
