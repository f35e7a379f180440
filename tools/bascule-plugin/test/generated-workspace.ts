import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');

const installedSecrets = () =>
  process.env.BASCULE_SECRETS ?? join(process.env.BASCULE_HOME ?? join(homedir(), '.bascule'), 'secrets');

/**
 * A copy of this workspace (tracked and new files, node_modules linked) in a temporary folder, to generate into,
 * with a copy of the installation's secrets beside it, so the new context's generated password stays there.
 */
export function copyWorkspace(): { root: string; secrets: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'bascule-generated-'));
  const secrets = `${root}-secrets`;
  cpSync(installedSecrets(), secrets, { recursive: true });
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: workspaceRoot })
    .toString()
    .split('\0')
    .filter((file) => file && file !== 'node_modules');
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(workspaceRoot, file), join(root, file), { verbatimSymlinks: true });
  }
  symlinkSync(join(workspaceRoot, 'node_modules'), join(root, 'node_modules'));
  return {
    root,
    secrets,
    remove: () => [root, secrets].forEach((dir) => rmSync(dir, { recursive: true, force: true })),
  };
}

/**
 * Runs a command in the copy and resolves with its output; rejects with the output's tail when it fails. The copy's
 * own Jest runs every suite it is given: the split of the run this suite is in (BASCULE_SUITES, ADR 0066) is not passed on.
 */
export function run(root: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const { BASCULE_SUITES: _split, ...inherited } = process.env;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: {
        ...inherited,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        FORCE_COLOR: '0',
        BASCULE_SECRETS: `${root}-secrets`,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolvePromise(output)
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.slice(-6000)}`)),
    );
  });
}

/** SQL as the PostgreSQL superuser, as setup runs it (tools/infra/postgres/admin-psql.sh), in `postgres`. */
export const adminSql = (root: string, ...statements: string[]) => adminSqlIn(root, 'postgres', ...statements);

/** SQL as the PostgreSQL superuser in `database`; resolves with the rows, one a line, columns split by `|`. */
export const adminSqlIn = (root: string, database: string, ...statements: string[]) =>
  run(root, 'bash', [
    '-c',
    // From `/`: psql runs as the postgres user, who may not enter the copy (its warning would mix with the rows).
    'source tools/infra/env.sh; source tools/infra/postgres/admin-psql.sh; database="$1"; shift; cd /; admin_psql -d "$database" "$@"',
    '-',
    database,
    ...statements.flatMap((statement) => ['-c', statement]),
  ]);
