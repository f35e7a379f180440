/** Only a developer's machine may take its role from the secrets setup generated (ADR 0013). */
const LOCAL_ENVIRONMENTS = new Set(['development', 'test']);

/** The login roles setup creates, one per process; `<ROLE>_DB_USER` overrides the name. */
const ROLE_NAMES = { CLIENT: 'bascule_client_service', LEGACY: 'bascule_legacy_monolith' } as const;

/**
 * A process's own login role: `PGUSER`/`PGPASSWORD`. In local development and tests, when those are not set,
 * the role setup made for this process, with the password setup generated (`<ROLE>_DB_PASSWORD`, loaded from
 * ~/.bascule/secrets by tools/infra/local-secrets.js). There is no default password anywhere: without one the
 * start stops with this message.
 */
export function databaseCredentials(
  processName: string,
  role: keyof typeof ROLE_NAMES,
  env: NodeJS.ProcessEnv = process.env,
): { user: string; password: string } {
  const local = LOCAL_ENVIRONMENTS.has(env.NODE_ENV ?? '');
  const user = env.PGUSER ?? (local ? (env[`${role}_DB_USER`] ?? ROLE_NAMES[role]) : undefined);
  const password = env.PGPASSWORD ?? (local ? env[`${role}_DB_PASSWORD`] : undefined);
  if (!user || !password) {
    throw new Error(
      `${processName}: PGUSER and PGPASSWORD must be set (its own database role); in local development and tests, ${role}_DB_PASSWORD comes from ~/.bascule/secrets/postgres.env (npm run setup)`,
    );
  }
  return { user, password };
}
