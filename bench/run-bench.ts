import { printTable, Row } from './bench-kit';
import { benchCdc } from './cdc.bench';
import { benchHttpRegister } from './http-register.bench';
import { benchMessaging } from './messaging.bench';

async function main() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const events = Number(process.env.BENCH_EVENTS ?? 20_000);
  // The aim is 1,000 req/s; on a 2-core machine that saturates the baseline too, so p99 at a
  // rate both sides sustain is the meaningful latency comparison here.
  const rate = Number(process.env.BENCH_RATE ?? 300);
  console.log(`Bascule benchmarks — ${seconds} s per HTTP run (fixed rate ${rate} req/s), ${events} events per messaging run (about ${Math.round((4 * seconds + events / 1500 + 20) / 60) + 1} min)`);
  const rows: Row[] = [];
  const only = process.env.BENCH_ONLY;
  console.log('[1/3] HTTP: POST /clients');
  if (!only || only === 'http') rows.push(...(await benchHttpRegister(seconds, rate)));
  console.log('[2/3] messaging: outbox relay and inbox consumer');
  if (!only || only === 'messaging') rows.push(...(await benchMessaging(events)));
  console.log('[3/3] CDC: legacy changes through Debezium into client-service');
  if (!only || only === 'cdc') rows.push(...(await benchCdc(Number(process.env.BENCH_CHANGES ?? 5_000), Number(process.env.BENCH_CDC_RATE ?? 1_000))));
  console.log();
  printTable(rows);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
