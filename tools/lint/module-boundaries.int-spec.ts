import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const env = { ...process.env, NX_DAEMON: 'false' };
const ESLINT = resolve(root, 'node_modules/eslint/bin/eslint.js');

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; line: number; message: string }[];
}

interface GraphProject {
  data: { root: string; tags: string[]; targets?: Record<string, unknown> };
}

function run(command: string, args: string[], input?: string): string {
  const done = spawnSync(command, args, { cwd: root, env, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (done.status !== 0 && !done.stdout) throw new Error(`${command} ${args.join(' ')} failed: ${done.stderr}`);
  return done.stdout;
}

/** Runs the project's real ESLint (as `npm run lint` does) and returns its JSON report. */
function lint(args: string[], input?: string): LintResult[] {
  const out = run(process.execPath, [ESLINT, '--format', 'json', ...args], input);
  if (!out) throw new Error('eslint printed nothing');
  return JSON.parse(out);
}

/** Every problem ESLint reports, whatever the rule, as `line rule: message`, by file relative to the root. */
function problemsByFile(results: LintResult[]): Record<string, string[]> {
  return Object.fromEntries(
    results.map((r) => [relative(root, r.filePath), r.messages.map((m) => `${m.line} ${m.ruleId}: ${m.message}`)]),
  );
}

/** Lints `text` as if it were the file at `path` (which need not exist): the rules that file would get. */
const lintAs = (path: string, text: string) => problemsByFile(lint(['--stdin', '--stdin-filename', path], text))[path];

const FIXTURES = {
  domain: 'libs/client/domain/lint-fixtures/forbidden-imports.ts',
  application: 'libs/client/application/lint-fixtures/forbidden-imports.ts',
  contracts: 'libs/client/contracts/lint-fixtures/forbidden-imports.ts',
  testCode: 'libs/client/application/lint-fixtures/imports-testing.ts',
  otherContext: 'libs/client/infrastructure/lint-fixtures/imports-another-context.ts',
};

const BOUNDARIES = '@nx/enforce-module-boundaries';
const banned = (layer: string, imp: string) =>
  `${BOUNDARIES}: A project tagged with "layer:${layer}" is not allowed to import "${imp}"`;
const onlyTags = (tag: string, ...tags: string[]) =>
  `${BOUNDARIES}: A project tagged with "${tag}" can only depend on libs tagged with ${tags.map((t) => `"${t}"`).join(', ')}`;
const restricted = (imp: string, why: string) =>
  `no-restricted-imports: '${imp}' import is restricted from being used by a pattern. ${why}`;
const testCode = (imp: string) =>
  restricted(imp, 'Production code never imports test code (fixtures, test databases and brokers, in-memory fakes).');

describe('module boundaries are enforced by lint', () => {
  let projects: Record<string, GraphProject>;
  let fixtures: Record<string, string[]>;

  beforeAll(() => {
    // The boundary rule reads Nx's project graph and silently skips without one (or reads a stale one):
    // build it first, and keep it for the checks on projects below.
    const dir = mkdtempSync(join(tmpdir(), 'bascule-lint-'));
    try {
      run(process.execPath, [require.resolve('nx/bin/nx'), 'graph', `--file=${join(dir, 'graph.json')}`]);
      projects = JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8')).graph.nodes;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    fixtures = problemsByFile(lint(['--no-ignore', ...Object.values(FIXTURES)]));
  });

  it('rejects a domain file importing a framework and another layer', () => {
    expect(fixtures[FIXTURES.domain]).toEqual([
      `3 ${banned('domain', '@nestjs/common')}`,
      `4 ${onlyTags('layer:domain', 'layer:domain')}`,
    ]);
  });

  it('rejects an application file importing storage, transport or infrastructure, and accepts Nest DI and the domain', () => {
    expect(fixtures[FIXTURES.application]).toEqual([
      `6 ${banned('application', 'typeorm')}`,
      `7 ${banned('application', 'typeorm/driver/postgres/PostgresConnectionOptions')}`,
      `8 ${banned('application', '@nestjs/typeorm')}`,
      `9 ${banned('application', 'pg')}`,
      `10 ${banned('application', 'kafkajs')}`,
      `11 ${banned('application', 'fastify')}`,
      `12 ${banned('application', '@fastify/static')}`,
      `13 ${banned('application', '@grpc/grpc-js')}`,
      `14 ${banned('application', '@nestjs/microservices')}`,
      `15 ${banned('application', '@nestjs/platform-fastify')}`,
      `16 ${onlyTags('layer:application', 'layer:application', 'layer:domain', 'layer:contracts')}`,
    ]);
  });

  it('rejects published contracts importing Nest, storage or inner layers, and accepts TypeBox', () => {
    expect(fixtures[FIXTURES.contracts]).toEqual([
      `5 ${banned('contracts', '@nestjs/common')}`,
      `6 ${banned('contracts', 'pg')}`,
      `7 ${onlyTags('layer:contracts', 'layer:contracts')}`,
      `8 ${onlyTags('layer:contracts', 'layer:contracts')}`,
    ]);
  });

  it('rejects production code importing test code, by alias or by relative path', () => {
    expect(fixtures[FIXTURES.testCode]).toEqual([
      `3 ${onlyTags('layer:application', 'layer:application', 'layer:domain', 'layer:contracts')}`,
      `3 ${testCode('@bascule/shared/testing')}`,
      `4 ${testCode('@bascule/client/domain/testing')}`,
      `5 ${testCode('../src/testing/handler-fixture')}`,
    ]);
  });

  it("lets a context import another context's contracts, never its domain", () => {
    // The layer rule allows both imports (infrastructure → contracts, domain): the error is the scope rule's.
    expect(projects['lint-fixture-other-domain'].data.tags).toEqual(['scope:lint-fixture', 'layer:domain']);
    expect(projects['lint-fixture-other-contracts'].data.tags).toEqual(['scope:lint-fixture', 'layer:contracts']);
    expect(fixtures[FIXTURES.otherContext]).toEqual([
      `6 ${onlyTags('scope:client', 'scope:client', 'scope:shared', 'layer:contracts', 'scope:anti-corruption')}`,
    ]);
  });

  it('lets test code import the testing layer and any package, which production code may not', () => {
    const text = [
      "import { createTestDatabase } from '@bascule/shared/testing';",
      "import { DatabaseError } from 'pg';",
      'export const uses = [createTestDatabase, DatabaseError];',
      '',
    ].join('\n');
    expect(lintAs('libs/client/application/src/probe.ts', text)).toEqual([
      `1 ${onlyTags('layer:application', 'layer:application', 'layer:domain', 'layer:contracts')}`,
      `1 ${testCode('@bascule/shared/testing')}`,
      `2 ${banned('application', 'pg')}`,
    ]);
    const testFiles = [
      'libs/client/application/src/probe.spec.ts',
      'libs/client/application/src/testing/probe.ts',
      'libs/client/infrastructure/test/probe.int-spec.ts',
      'apps/client-service/test/probe.e2e-spec.ts',
      'bench/probe.bench.ts',
    ];
    expect(testFiles.map((file) => [file, lintAs(file, text)])).toEqual(testFiles.map((file) => [file, []]));
  });

  it('accepts the real code: every project, tools and bench, test code included', () => {
    const found = Object.entries(problemsByFile(lint(['.']))).filter(([, problems]) => problems.length > 0);
    expect(found).toEqual([]);
  });

  it('gives every project one scope and one layer, each held by a rule', () => {
    const config = JSON.parse(run(process.execPath, [ESLINT, '--print-config', 'libs/shared/ddd/src/index.ts']));
    const ruled = new Set(config.rules[BOUNDARIES][1].depConstraints.map((c: { sourceTag: string }) => c.sourceTag));
    const unruled = Object.entries(projects).flatMap(([name, { data }]) => {
      const scopes = data.tags.filter((t) => t.startsWith('scope:'));
      const layers = data.tags.filter((t) => t.startsWith('layer:'));
      if (scopes.length !== 1 || layers.length !== 1) return [`${name}: tags ${data.tags.join(', ')}`];
      return [...scopes, ...layers].filter((t) => !ruled.has(t)).map((t) => `${name}: no rule for ${t}`);
    });
    expect(unruled).toEqual([]);
  });

  it('leaves no file unlinted by `npm run lint`: each is in a project with a lint target, or linted at the root', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
    expect(scripts.lint).toMatch(/^nx run-many -t lint .*&& npm run lint:workspace && npm run format:check$/);
    const [command, ...outsideProjects] = scripts['lint:workspace'].split(' ');
    expect(command).toBe('eslint');
    const roots = Object.values(projects)
      .map(({ data }) => data)
      .sort((a, b) => b.root.length - a.root.length);
    const tracked = run('git', ['ls-files', '*.ts', '*.js', '*.mjs', '*.cjs']).split('\n').filter(Boolean);
    const unlinted = tracked.filter((file) => {
      if (file.split('/').includes('lint-fixtures')) return false;
      const project = roots.find((p) => file.startsWith(`${p.root}/`));
      if (project) return !project.targets?.['lint'];
      return !outsideProjects.some((path: string) => file === path || file.startsWith(`${path}/`));
    });
    expect(tracked.length).toBeGreaterThan(100);
    expect(unlinted).toEqual([]);
  });
});
