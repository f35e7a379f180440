import { readFileSync } from 'node:fs';
import { KeycloakAdmin, keycloakAdmin } from './keycloak-admin';

/** The parts of a realm file (tools/infra/keycloak/realm-bascule.json) that manifests render. */
interface RealmFile {
  roles: { realm: { name: string; description?: string }[] };
  clients: { clientId: string; protocolMappers?: { name: string }[] }[];
  users: { username: string; serviceAccountClientId?: string; realmRoles?: string[] }[];
  scopeMappings?: { client: string; roles: string[] }[];
}

interface Role {
  id: string;
  name: string;
}

/**
 * What a realm file rendered from new manifests holds beyond the running realm — a generated context's roles, its
 * service's client with its service account and scope, the roles and audiences other clients and users gain — added
 * to the running realm through Keycloak's admin API, as `keycloak.sh start` would import it, without restarting the
 * Keycloak every test shares. Nothing the running realm has is changed; the returned function takes the additions
 * away again.
 */
export async function importRealmAdditions(realmFile: string): Promise<() => Promise<void>> {
  const realm = JSON.parse(readFileSync(realmFile, 'utf8')) as RealmFile;
  const admin = await keycloakAdmin();
  const undo: ((admin: KeycloakAdmin) => Promise<unknown>)[] = [];
  const remove = async () => {
    const fresh = await keycloakAdmin();
    for (const step of undo.reverse()) await step(fresh);
  };
  try {
    const live = new Set((await call<Role[]>(admin, '/roles?max=10000')).map((role) => role.name));
    for (const role of realm.roles.realm.filter((r) => !live.has(r.name)))
      if (await create(admin, '/roles', role))
        undo.push((fresh) => call(fresh, `/roles/${encodeURIComponent(role.name)}`, { method: 'DELETE' }));
    const roles = (names: string[]) =>
      Promise.all(names.map((name) => call<Role>(admin, `/roles/${encodeURIComponent(name)}`)));

    for (const client of realm.clients) {
      const found = await clientIdOf(admin, client.clientId);
      if (!found) {
        if (await create(admin, '/clients', client)) {
          const id = (await clientIdOf(admin, client.clientId)) as string;
          undo.push((fresh) => call(fresh, `/clients/${id}`, { method: 'DELETE' }));
        }
        continue;
      }
      const mappers = `/clients/${found}/protocol-mappers/models`;
      const present = new Set((await call<{ name: string }[]>(admin, mappers)).map((mapper) => mapper.name));
      for (const mapper of (client.protocolMappers ?? []).filter((m) => !present.has(m.name))) {
        if (!(await create(admin, mappers, mapper))) continue;
        undo.push(async (fresh) => {
          const added = (await call<{ id: string; name: string }[]>(fresh, mappers)).filter(
            (m) => m.name === mapper.name,
          );
          for (const { id } of added) await call(fresh, `${mappers}/${id}`, { method: 'DELETE' });
        });
      }
    }

    for (const user of realm.users) {
      const userId = await userIdOf(admin, user);
      if (!userId) continue;
      const mappings = `/users/${userId}/role-mappings/realm`;
      await addMissing(admin, mappings, await roles(user.realmRoles ?? []), undo);
    }
    for (const scope of realm.scopeMappings ?? []) {
      const id = await clientIdOf(admin, scope.client);
      if (id) await addMissing(admin, `/clients/${id}/scope-mappings/realm`, await roles(scope.roles), undo);
    }
  } catch (error) {
    await remove();
    throw error;
  }
  return remove;
}

/** Adds the roles a role mapping (a user's, a client's scope) lacks; undoing removes just those. */
async function addMissing(
  admin: KeycloakAdmin,
  path: string,
  wanted: Role[],
  undo: ((admin: KeycloakAdmin) => Promise<unknown>)[],
): Promise<void> {
  const held = new Set((await call<Role[]>(admin, path)).map((role) => role.name));
  const missing = wanted.filter((role) => !held.has(role.name));
  if (missing.length === 0) return;
  await call(admin, path, { method: 'POST', body: JSON.stringify(missing) });
  // A role created above goes with its mappings; the others are unmapped, and a deleted one is no longer there.
  undo.push((fresh) => call(fresh, path, { method: 'DELETE', body: JSON.stringify(missing) }).catch(() => undefined));
}

async function clientIdOf(admin: KeycloakAdmin, clientId: string): Promise<string | undefined> {
  const [client] = await call<{ id: string }[]>(admin, `/clients?clientId=${encodeURIComponent(clientId)}`);
  return client?.id;
}

async function userIdOf(admin: KeycloakAdmin, user: RealmFile['users'][number]): Promise<string | undefined> {
  if (user.serviceAccountClientId) {
    const client = await clientIdOf(admin, user.serviceAccountClientId);
    return client ? (await call<{ id: string }>(admin, `/clients/${client}/service-account-user`)).id : undefined;
  }
  const [found] = await call<{ id: string }[]>(
    admin,
    `/users?exact=true&username=${encodeURIComponent(user.username)}`,
  );
  return found?.id;
}

/** POSTs an addition; false if another suite added the same meanwhile (409): not this one's to take away. */
async function create(admin: KeycloakAdmin, path: string, body: object): Promise<boolean> {
  const answer = await fetch(`${admin.realmUrl}${path}`, {
    method: 'POST',
    headers: admin.headers,
    body: JSON.stringify(body),
  });
  if (answer.status === 409) return false;
  if (!answer.ok) throw new Error(`Keycloak admin POST ${path}: HTTP ${answer.status} ${await answer.text()}`);
  return true;
}

async function call<T>(admin: KeycloakAdmin, path: string, init: RequestInit = {}): Promise<T> {
  const answer = await fetch(`${admin.realmUrl}${path}`, { ...init, headers: admin.headers });
  if (!answer.ok)
    throw new Error(`Keycloak admin ${init.method ?? 'GET'} ${path}: HTTP ${answer.status} ${await answer.text()}`);
  return (answer.headers.get('content-type')?.includes('json') ? answer.json() : undefined) as Promise<T>;
}
