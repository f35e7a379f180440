export * from './in-memory-aggregate.repository';
