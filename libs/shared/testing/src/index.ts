export * from './child-process';
export * from './test-database';
export * from './test-kafka';
export * from './connect-secrets';
