import { printTable, Row } from './bench-kit';
import { benchHttpRegister } from './http-register.bench';
import { benchMessaging } from './messaging.bench';

async function main() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const events = Number(process.env.BENCH_EVENTS ?? 20_000);
  console.log(`Bascule benchmarks — ${seconds} s per HTTP run, ${events} events per messaging run (about ${Math.round((4 * seconds + events / 1500 + 20) / 60) + 1} min)`);
  const rows: Row[] = [];
  console.log('[1/2] HTTP: POST /clients');
  rows.push(...(await benchHttpRegister(seconds)));
  console.log('[2/2] messaging: outbox relay and inbox consumer');
  rows.push(...(await benchMessaging(events)));
  console.log();
  printTable(rows);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
