export * from './billing-events.v1';
export * from './billing-proto';
export * from './billing-saga.v1';
