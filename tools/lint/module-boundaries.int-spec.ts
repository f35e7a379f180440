import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const env = { ...process.env, NX_DAEMON: 'false' };

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string }[];
}

/** Runs the project's real ESLint (as `npm run lint` does) and returns its JSON report. */
function lint(args: string[]): LintResult[] {
  const run = spawnSync(
    process.execPath,
    [resolve(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', ...args],
    { cwd: root, env, encoding: 'utf8' },
  );
  if (!run.stdout) throw new Error(`eslint printed nothing: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const errors = (results: LintResult[], rule: string) =>
  results.flatMap((r) => r.messages.filter((m) => m.ruleId === rule && m.severity === 2).map((m) => m.message));

describe('module boundaries are enforced by lint', () => {
  beforeAll(() => {
    // The boundary rule reads Nx's project graph and silently skips without one: build it first.
    spawnSync(process.execPath, [require.resolve('nx/bin/nx'), 'show', 'projects'], {
      cwd: root,
      env,
      stdio: 'ignore',
    });
  });

  it('rejects a domain file importing a framework and another layer', () => {
    const found = errors(
      lint(['--no-ignore', 'libs/client/domain/lint-fixtures/forbidden-imports.ts']),
      '@nx/enforce-module-boundaries',
    );
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/tagged with "layer:domain" is not allowed to import "@nestjs\/common"/),
        expect.stringMatching(/tagged with "layer:domain" can only depend on libs tagged with "layer:domain"/),
      ]),
    );
  });

  it('accepts the real domain code', () => {
    expect(errors(lint(['libs/client/domain/src', 'libs/shared/ddd/src']), '@nx/enforce-module-boundaries')).toEqual(
      [],
    );
  });
});
