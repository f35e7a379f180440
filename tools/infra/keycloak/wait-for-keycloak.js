// Waits until Keycloak is ready (management health) and serves the bascule realm's OIDC discovery; exits 1 after the timeout.
const timeoutSeconds = Number(process.argv[2] ?? 120);
const url = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:8180';
const management = process.env.KEYCLOAK_MANAGEMENT_URL ?? 'http://127.0.0.1:9180';

async function ready() {
  const health = await fetch(`${management}/health/ready`, { signal: AbortSignal.timeout(2000) });
  if (!health.ok) return false;
  const discovery = await fetch(`${url}/realms/bascule/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(2000),
  });
  return discovery.ok;
}

async function main() {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    if (await ready().catch(() => false)) {
      console.log(`\nkeycloak: ready on ${url} (issuer ${url}/realms/bascule)`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`keycloak: not ready after ${timeoutSeconds}s`);
    process.stdout.write(`\rkeycloak: waiting for ${url} (${Math.round((deadline - Date.now()) / 1000)}s left) `);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

main().catch((error) => {
  console.error(`\n${error.message}`);
  process.exit(1);
});
