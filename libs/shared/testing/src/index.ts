export * from './child-process';
export * from './test-database';
export * from './test-kafka';
export * from './test-tokens';
export * from './connect-secrets';
export * from './kafka-log-segments';
export * from './test-connect';
export * from './test-service';
