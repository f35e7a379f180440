// One Jest run, three layers: unit specs beside the code, integration specs on real PostgreSQL and Kafka,
// and end-to-end suites per app. Path aliases come from tsconfig.base.json so they are declared once.
const { compilerOptions } = require('./tsconfig.base.json');
const swc = JSON.parse(require('node:fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }],
    // content-disposition 2 (under @fastify/static, which serves /docs) ships ESM only.
    // jose 6 (bearer token verification) is ESM only as well.
    '/node_modules/(content-disposition|jose)/.+\\.js$': ['@swc/jest', { ...swc, swcrc: false, jsc: { ...swc.jsc, parser: { syntax: 'ecmascript' } } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|jose)/)'],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/tmp/'],
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/tools'],
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['**/*.int-spec.ts'], slowTestThreshold: 30, setupFilesAfterEnv: ['<rootDir>/tools/jest/slow-suite.setup.js'] },
    { ...base, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'], setupFilesAfterEnv: ['<rootDir>/tools/jest/slow-suite.setup.js'] },
  ],
};
