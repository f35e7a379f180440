export * from './inventory-events.v1';
export * from './inventory-proto';
export * from './stock-reservation-events.v1';
export * from './inventory-saga.v1';
