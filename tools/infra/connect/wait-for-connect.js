// Waits until the Kafka Connect REST API answers and lists the Debezium PostgreSQL plugin; exits 1 after the timeout.
const timeoutSeconds = Number(process.argv[2] ?? 90);
const url = process.env.CONNECT_URL ?? 'http://127.0.0.1:8083';

async function ready() {
  const response = await fetch(`${url}/connector-plugins`, { signal: AbortSignal.timeout(2000) });
  const plugins = await response.json();
  return response.ok && plugins.some((p) => p.class === 'io.debezium.connector.postgresql.PostgresConnector');
}

async function main() {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    if (await ready().catch(() => false)) {
      console.log(`\nconnect: ready on ${url} (Debezium PostgreSQL connector loaded)`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`connect: not ready after ${timeoutSeconds}s`);
    process.stdout.write(`\rconnect: waiting for ${url} (${Math.round((deadline - Date.now()) / 1000)}s left) `);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

main().catch((error) => {
  console.error(`\n${error.message}`);
  process.exit(1);
});
