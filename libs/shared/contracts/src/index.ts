export * from './contract-registry';
export * from './envelope.schema';
export * from './event-contract';
export * from './event-envelope';
export * from './captured-change';
export * from './money.schema';
export * from './proto-loader-options';
