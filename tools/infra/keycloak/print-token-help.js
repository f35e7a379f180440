// Prints, once client-service answers, how to get an access token from the local Keycloak (npm start).
const issuer = process.env.AUTH_ISSUER ?? 'http://127.0.0.1:8180/realms/bascule';
const service = process.argv[2] ?? 'http://127.0.0.1:3001';
const tokenUrl = `${issuer}/protocol/openid-connect/token`;
const extract = `node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token'`;

async function main() {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const up = await fetch(`${service}/health/live`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  console.log(
    [
      `access tokens (Keycloak ${issuer}; local demo only, see README "Identity and access")`,
      `  a demo user (reader, writer, eraser, legacy-reader; password <user>-password):`,
      `    export TOKEN=$(curl -s ${tokenUrl} -d grant_type=password -d client_id=bascule-demo -d client_secret=bascule-demo-secret -d username=writer -d password=writer-password | ${extract})`,
      `  client credentials (bascule-demo's service account holds every role):`,
      `    export TOKEN=$(curl -s ${tokenUrl} -d grant_type=client_credentials -d client_id=bascule-demo -d client_secret=bascule-demo-secret | ${extract})`,
      `  then: curl -s ${service}/clients -H "authorization: Bearer $TOKEN"`,
    ].join('\n'),
  );
}

main();
