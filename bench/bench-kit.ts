import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';

export interface Row {
  scenario: string;
  measure: string;
  bascule: number;
  baseline: number;
  /** true when a higher number is better (throughput); false for latencies. */
  higherIsBetter: boolean;
}

export function progress(message: string): void {
  process.stdout.write(`  · ${message}\n`);
}

/** autocannon against one URL with unique registration bodies; `rate` limits requests/s (fixed arrival). */
export async function loadRegistrations(url: string, seconds: number, connections: number, rate?: number, authorization?: string) {
  const result = await autocannon({
    url,
    method: 'POST',
    duration: seconds,
    connections,
    overallRate: rate,
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(registrationBody()) }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

export function registrationBody() {
  return { givenName: 'Bench', familyName: 'Client', email: `bench.${randomUUID()}@example.com`, phone: null, address: { line1: '1 Bench Street', postalCode: '75001', city: 'Paris', country: 'FR' }, companyId: null };
}

export function printTable(rows: Row[]): void {
  const header = ['scenario', 'measure', 'bascule', 'baseline', 'ratio'];
  const lines = rows.map((r) => {
    const ratio = r.higherIsBetter ? r.bascule / r.baseline : r.baseline / r.bascule;
    return [r.scenario, r.measure, format(r.bascule), format(r.baseline), `${ratio.toFixed(2)}×`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const print = (cells: string[]) => console.log(`| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
  print(header);
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  lines.forEach(print);
  console.log('ratio: bascule ÷ baseline for throughput, baseline ÷ bascule for latency (1.00× = as fast as the baseline)');
}

const format = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
