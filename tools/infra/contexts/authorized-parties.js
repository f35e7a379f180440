// Who may present a token to a context (AUTH_AUTHORIZED_PARTIES, ADR 0029, ADR 0036): the OAuth clients (`azp`)
// its tokens may be issued to. Every client with the context's audience can get such a token; only these are let in:
//   - the Keycloak client of each context whose manifest declares a call to it (`calls`; its client is its service)
//   - the clients people sign in through that carry its audience in the realm (cockpit; locally the demo client too)
// A context's own client is not among them unless it calls itself (it cannot: contexts.js refuses such a call).

/** The services whose manifests declare a call to `m`, sorted. */
const callersOf = (platform, m) =>
  [...new Set((platform.calls ?? []).filter((c) => c.callee === m.service).map((c) => c.caller))].sort();

const audiencesOf = (client) =>
  (client.protocolMappers ?? [])
    .filter((mapper) => mapper.protocolMapper === 'oidc-audience-mapper')
    .map((mapper) => mapper.config?.['included.client.audience']);

/**
 * The realm's clients people sign in through that carry `service`'s audience: in a deployment, those of a browser
 * sign-in (authorization code); locally also those of the password grant (the demo client, which has no place in
 * production: its service account holds every role).
 */
function signInClientsOf(realm, service, { local }) {
  return (realm?.clients ?? [])
    .filter((c) => c.enabled !== false && c.clientId !== service && audiencesOf(c).includes(service))
    .filter((c) => c.standardFlowEnabled || (local && c.directAccessGrantsEnabled))
    .map((c) => c.clientId);
}

/** `m`'s AUTH_AUTHORIZED_PARTIES: its callers' clients, then the sign-in clients; `local` for compose and npm start. */
function authorizedPartiesOf(platform, m, realm, { local }) {
  return [...callersOf(platform, m), ...signInClientsOf(realm, m.service, { local })];
}

module.exports = { callersOf, signInClientsOf, authorizedPartiesOf };
