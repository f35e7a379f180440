import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier/flat';
import { readdirSync, readFileSync, existsSync } from 'node:fs';

// Module boundaries and what each layer may load: docs/adr/0016-layered-shared-libs-lint-everywhere-prettier.md.

/** A package and its deep imports: Nx matches a banned import against the whole path (`typeorm/driver/…`). */
const withDeepImports = (packages) => packages.flatMap((p) => (p.endsWith('/*') ? [p] : [p, `${p}/*`]));

/** Storage and transport: behind ports, never seen by use cases or published contracts. */
const storageAndTransport = [
  'typeorm',
  '@nestjs/typeorm',
  'pg',
  'kafkajs',
  'fastify',
  '@fastify/*',
  '@grpc/*',
  '@nestjs/microservices',
  '@nestjs/platform-fastify',
];

/**
 * Who may import whom, by layer. Every project (shared libs included) has exactly one `layer:*` tag, so a
 * shared lib is held to the rules of the layer it serves: a use case may use shared/application, never
 * shared/messaging. `testing` (shared/testing) may use anything and is used by test code only.
 */
export const layers = {
  domain: {
    mayImport: ['domain'],
    bannedExternalImports: withDeepImports([...storageAndTransport, '@nestjs/*', '@opentelemetry/*']),
  },
  contracts: {
    mayImport: ['contracts'],
    bannedExternalImports: withDeepImports([...storageAndTransport, '@nestjs/*']),
  },
  application: {
    mayImport: ['application', 'domain', 'contracts'],
    bannedExternalImports: withDeepImports(storageAndTransport),
  },
  infrastructure: { mayImport: ['infrastructure', 'application', 'domain', 'contracts', 'acl'] },
  interface: { mayImport: ['interface', 'application', 'domain', 'contracts', 'acl'] },
  // The anti-corruption layer knows the legacy model and the contracts it translates to, nothing else.
  acl: { mayImport: ['acl', 'contracts'] },
  // Only an app wires every layer together (Nest modules, bootstrap), itself or through an app-layer lib
  // (shared/service). Nx refuses imports of application projects anyway.
  app: { mayImport: ['app', 'interface', 'infrastructure', 'application', 'domain', 'contracts', 'acl'] },
  testing: { mayImport: ['*'] },
  // Workspace tooling (the Nx plugin): its own files, and the shared contracts' pure rules it writes code by
  // (how Debezium sends a legacy column: `capturedColumnType`); never a context (scope:tooling sees scope:shared only).
  tool: { mayImport: ['tool', 'contracts'] },
};

/** A bounded context sees its own scope, shared code, and other contexts' published contracts only. */
const context = (scope, ...alsoSees) => ({
  sourceTag: `scope:${scope}`,
  onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared', 'layer:contracts', ...alsoSees],
});

/** Every bounded context, from its manifest (apps/<service>/context.manifest.json): no list to keep by hand. */
const contextNames = readdirSync(new URL('./apps', import.meta.url))
  .map((app) => new URL(`./apps/${app}/context.manifest.json`, import.meta.url))
  .filter((file) => existsSync(file))
  .map((file) => JSON.parse(readFileSync(file, 'utf8')))
  .filter((manifest) => manifest.kind === 'context')
  .map((manifest) => manifest.name);

export const scopeConstraints = [
  // Shared libs are the platform: they never import a context.
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  // A context may translate legacy data through the anti-corruption layer.
  ...contextNames.map((name) => context(name, 'scope:anti-corruption')),
  context('anti-corruption'),
  // The second context of the lint fixtures (tools/lint-fixtures), held to the same rule as a real one.
  context('lint-fixture'),
  // The legacy stand-in is never a dependency of the services, and depends on nothing of theirs.
  { sourceTag: 'scope:legacy', onlyDependOnLibsWithTags: ['scope:legacy', 'scope:shared'] },
  // Its tests may use the platform's test helpers (shared/testing); its code imports no project.
  { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['scope:tooling', 'scope:shared'] },
];

/**
 * The constraints for production code, or for test code: a test may also import the testing layer, and any
 * package (a spec builds a real pg DatabaseError to classify it); the layer and scope rules hold for both.
 */
export function depConstraintsFor({ testCode = false } = {}) {
  const layerConstraints = Object.entries(layers).map(([layer, { mayImport, bannedExternalImports }]) => ({
    sourceTag: `layer:${layer}`,
    onlyDependOnLibsWithTags: [...mayImport, ...(testCode ? ['testing'] : [])].map((l) =>
      l === '*' ? l : `layer:${l}`,
    ),
    ...(bannedExternalImports && !testCode ? { bannedExternalImports } : {}),
  }));
  return [...layerConstraints, ...scopeConstraints];
}

export const depConstraints = depConstraintsFor();
const testDepConstraints = depConstraintsFor({ testCode: true });

/** The boundary rule with these constraints; `allowed` imports (exact specifiers) skip every check. */
const boundaries = (constraints, ...allowed) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allowCircularSelfDependency: false,
    allow: allowed.map((specifier) => `^${specifier}$`),
    depConstraints: constraints,
  },
];

/** Test code: specs, integration and e2e suites, test/ and testing/ folders, the benchmarks. */
const testFiles = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**', '**/testing/**', 'bench/**'];

const TESTING_IMPORTS = {
  // @bascule/shared/testing, @bascule/client/domain/testing, …/testing/x; ./testing/x, ../../test/x.
  regex: '^(@bascule/(.+/)?testing|\\.{1,2}/(.+/)?(testing|test))(/.*)?$',
  message: 'Production code never imports test code (fixtures, test databases and brokers, in-memory fakes).',
};

/**
 * Test code that is the entry of a process, and so starts it as an app does (ADR 0016): the first module of
 * a traced test process calls startTracing (shared/observability, layer:interface) as an app's tracing.ts.
 */
const testProcessEntries = [
  { files: ['libs/shared/messaging/test/traced-process.tracing.ts'], imports: '@bascule/shared/observability' },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist/**', '**/node_modules/**', '**/lint-fixtures/**', '**/tmp/**', '**/.nx/**', '**/coverage/**'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(depConstraints),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [TESTING_IMPORTS] }],
    },
  },
  {
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': boundaries(testDepConstraints),
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  ...testProcessEntries.map(({ files, imports }) => ({
    files,
    rules: { '@nx/enforce-module-boundaries': boundaries(testDepConstraints, imports) },
  })),
  // Last: no stylistic rule may fight Prettier, which decides layout (checked by `npm run format:check`).
  prettier,
];
