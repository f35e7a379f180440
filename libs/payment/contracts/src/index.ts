export * from './payment-events.v1';
export * from './payment-proto';
