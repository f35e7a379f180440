export * from './order';
export * from './order-id';
export * from './order.errors';
export * from './order.events';
export * from './order-line';
