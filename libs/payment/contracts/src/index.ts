export * from './payment-events.v1';
export * from './payment-proto';
export * from './payment-saga.v1';
