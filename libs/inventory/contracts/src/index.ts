export * from './inventory-events.v1';
export * from './inventory-proto';
