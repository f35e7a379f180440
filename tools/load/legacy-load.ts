// npm run legacy:load -- --rate 100 --seconds 60 [--url http://127.0.0.1:8090]
// Writes through the legacy API at a fixed rate (creates, updates, reads), showing progress each second.
import { parseArgs } from 'node:util';

export interface LoadOptions {
  url: string;
  rate: number;
  seconds: number;
  seed?: number;
}

export interface LoadResult {
  sent: number;
  created: number;
  updated: number;
  read: number;
  errors: number;
  p99Ms: number;
}

/** A fixed arrival rate, bounded in count and time; the target is the legacy monolith on this machine. */
export async function runLegacyLoad(
  options: LoadOptions,
  report: (line: string) => void = () => undefined,
): Promise<LoadResult> {
  const result: LoadResult = { sent: 0, created: 0, updated: 0, read: 0, errors: 0, p99Ms: 0 };
  const latencies: number[] = [];
  const known: number[] = [];
  const total = Math.round(options.rate * options.seconds);
  const started = Date.now();
  const inFlight = new Set<Promise<void>>();
  let lastReport = 0;
  while (result.sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * options.rate));
    while (result.sent < due) {
      const n = result.sent++;
      const call = request(options.url, n, known, result, latencies).finally(() => inFlight.delete(call));
      inFlight.add(call);
    }
    if (Date.now() - lastReport >= 1000) {
      lastReport = Date.now();
      report(
        `[load] ${Math.round((Date.now() - started) / 1000)} s/${options.seconds} s · ${result.sent.toLocaleString('en')} sent · ${result.created} created · ${result.updated} updated · errors ${result.errors}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  result.p99Ms = Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0);
  return result;
}

async function request(
  url: string,
  n: number,
  known: number[],
  result: LoadResult,
  latencies: number[],
): Promise<void> {
  const kind = known.length === 0 || n % 10 < 5 ? 'create' : n % 10 < 9 ? 'update' : 'read';
  const target = known[n % Math.max(known.length, 1)];
  const body = {
    nom: `CHARGE${n}`,
    prenom: 'Test',
    email: `charge${n}.${Date.now()}@exemple.fr`,
    adresse1: `${n} rue du Test`,
    codePostal: '75001',
    ville: kind === 'update' ? `VILLE${n}` : 'PARIS',
  };
  const started = performance.now();
  try {
    const response =
      kind === 'create'
        ? await fetch(`${url}/api/clients`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          })
        : kind === 'update'
          ? await fetch(`${url}/api/clients/${target}`, {
              method: 'PUT',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
            })
          : await fetch(`${url}/api/clients/${target}`);
    const answer = (await response.json()) as { noClient?: number };
    if (!response.ok) throw new Error(String(response.status));
    if (kind === 'create' && answer.noClient) known.push(answer.noClient);
    result[kind === 'create' ? 'created' : kind === 'update' ? 'updated' : 'read'] += 1;
  } catch {
    result.errors += 1;
  } finally {
    latencies.push(performance.now() - started);
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:8090' },
      rate: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '30' },
    },
  });
  const result = await runLegacyLoad(
    { url: values.url ?? '', rate: Number(values.rate), seconds: Number(values.seconds) },
    (line) => process.stdout.write(`\r${line}   `),
  );
  console.log(`\n${JSON.stringify(result)}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
