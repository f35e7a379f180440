import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder the Connect worker's FileConfigProvider may read (`config.providers.file.param.allowed.paths`): the
 * secrets folder's `connect/` (ADR 0036).
 */
export const secretsDir = (env: NodeJS.ProcessEnv = process.env) =>
  join(env.BASCULE_SECRETS ?? join(env.BASCULE_HOME ?? join(homedir(), '.bascule'), 'secrets'), 'connect');

/**
 * Writes a connector secrets file (mode 600) for a suite's own database and salt, and returns its path: pass
 * it as `CONNECT_SECRETS_FILE` to register-connector.js, which refers to it as `${file:<path>:<key>}` (ADR 0013).
 */
export function writeConnectSecrets(
  name: string,
  values: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const dir = secretsDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${name}.properties`);
  writeFileSync(
    path,
    Object.entries(values)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(''),
    { mode: 0o600 },
  );
  chmodSync(path, 0o600);
  return path;
}
