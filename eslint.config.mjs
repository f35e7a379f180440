import nx from '@nx/eslint-plugin';

const domainBannedImports = ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', '@grpc/*', 'fastify', '@opentelemetry/*'];

/** The layers of a bounded context and who may import whom (see docs/adr/0002-module-boundaries.md). */
export const depConstraints = [
  { sourceTag: 'layer:domain', onlyDependOnLibsWithTags: ['layer:domain'], bannedExternalImports: domainBannedImports },
  { sourceTag: 'layer:contracts', onlyDependOnLibsWithTags: ['layer:contracts', 'scope:shared'] },
  {
    sourceTag: 'layer:application',
    onlyDependOnLibsWithTags: ['layer:domain', 'layer:application', 'layer:contracts', 'scope:shared'],
  },
  {
    sourceTag: 'layer:infrastructure',
    onlyDependOnLibsWithTags: [
      'layer:domain',
      'layer:application',
      'layer:contracts',
      'layer:infrastructure',
      'layer:acl',
      'scope:shared',
    ],
  },
  {
    sourceTag: 'layer:interface',
    onlyDependOnLibsWithTags: [
      'layer:domain',
      'layer:application',
      'layer:contracts',
      'layer:interface',
      'layer:acl',
      'scope:shared',
    ],
  },
  // The anti-corruption layer knows the legacy model and the contracts it translates to, nothing else.
  { sourceTag: 'layer:acl', onlyDependOnLibsWithTags: ['layer:acl', 'layer:contracts', 'scope:shared'] },
  {
    sourceTag: 'layer:app',
    onlyDependOnLibsWithTags: [
      'layer:domain',
      'layer:application',
      'layer:contracts',
      'layer:infrastructure',
      'layer:interface',
      'layer:acl',
      'scope:shared',
    ],
  },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  // A context sees its own scope, shared code, and other contexts' published contracts only.
  {
    sourceTag: 'scope:client',
    onlyDependOnLibsWithTags: ['scope:client', 'scope:shared', 'layer:contracts', 'scope:anti-corruption'],
  },
  {
    sourceTag: 'scope:anti-corruption',
    onlyDependOnLibsWithTags: ['scope:anti-corruption', 'scope:shared', 'layer:contracts'],
  },
  // The legacy stand-in is never a dependency of the services, and depends on nothing of theirs.
  { sourceTag: 'scope:legacy', onlyDependOnLibsWithTags: ['scope:legacy', 'scope:shared'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/lint-fixtures/**', 'tmp/**', '.nx/**'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allowCircularSelfDependency: false, depConstraints },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
