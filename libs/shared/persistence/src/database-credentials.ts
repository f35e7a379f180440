/** Only a developer's machine may take its role from the secrets setup generated (ADR 0013). */
const LOCAL_ENVIRONMENTS = new Set(['development', 'test']);

/** Roles setup names otherwise than `bascule_<name>_service`. */
const ROLE_EXCEPTIONS: Readonly<Record<string, string>> = { LEGACY: 'bascule_legacy_monolith' };

/** The login role setup creates for a process whose settings are prefixed `<PREFIX>_` (CLIENT → bascule_client_service). */
export const defaultRoleOf = (prefix: string): string =>
  ROLE_EXCEPTIONS[prefix] ?? `bascule_${prefix.toLowerCase()}_service`;

/**
 * A process's own login role: `PGUSER`/`PGPASSWORD`. In local development and tests, when those are not set,
 * the role setup made for this process (`<PREFIX>_DB_USER` overrides the name), with the password setup
 * generated (`<PREFIX>_DB_PASSWORD`, loaded from ~/.bascule/secrets by tools/infra/local-secrets.js). There
 * is no default password anywhere: without one the start stops with this message.
 */
export function databaseCredentials(
  processName: string,
  prefix: string,
  env: NodeJS.ProcessEnv = process.env,
): { user: string; password: string } {
  const local = LOCAL_ENVIRONMENTS.has(env.NODE_ENV ?? '');
  const user = env.PGUSER ?? (local ? (env[`${prefix}_DB_USER`] ?? defaultRoleOf(prefix)) : undefined);
  const password = env.PGPASSWORD ?? (local ? env[`${prefix}_DB_PASSWORD`] : undefined);
  if (!user || !password) {
    throw new Error(
      `${processName}: PGUSER and PGPASSWORD must be set (its own database role); in local development and tests, ${prefix}_DB_PASSWORD comes from ~/.bascule/secrets/postgres.env (npm run setup)`,
    );
  }
  return { user, password };
}
