export * from './orders-events.v1';
export * from './orders-proto';
export * from './orders-saga.v1';
