export * from './client-address.schema';
export * from './client-events.v1';
export * from './client-proto';
