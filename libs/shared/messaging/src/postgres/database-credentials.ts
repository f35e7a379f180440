/** Only a developer's machine may fall back to the documented local account (ADR 0013). */
const LOCAL_ENVIRONMENTS = new Set(['development', 'test']);

/**
 * A process's own login role (`PGUSER`/`PGPASSWORD`). The documented local account (`bascule`) is a fallback
 * with NODE_ENV=development or test only; anywhere else a missing role stops the start with a clear message.
 */
export function databaseCredentials(processName: string, env: NodeJS.ProcessEnv = process.env): { user: string; password: string } {
  const local = LOCAL_ENVIRONMENTS.has(env.NODE_ENV ?? '');
  const user = env.PGUSER ?? (local ? 'bascule' : undefined);
  const password = env.PGPASSWORD ?? (local ? 'bascule' : undefined);
  if (!user || !password) {
    throw new Error(`${processName}: PGUSER and PGPASSWORD must be set (its own database role); defaults exist only with NODE_ENV=development or test`);
  }
  return { user, password };
}
