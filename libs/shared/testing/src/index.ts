export * from './child-process';
export * from './test-database';
export * from './test-kafka';
export * from './kafka-log-segments';
export * from './test-connect';
