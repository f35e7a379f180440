export * from './database-credentials';
export * from './outbox/outbox-erasure';
export * from './outbox/outbox-writer';
export * from './persistence-metrics';
export * from './pg-pools';
export * from './tables/idempotency-tables.sql';
export * from './tables/messaging-tables.sql';
export * from './transactions';
