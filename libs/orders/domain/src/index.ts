export * from './order';
export * from './order-id';
export * from './order.errors';
export * from './order.events';
export * from './order-line';
export * from './rules/client-may-order.rule';
export * from './rules/line-quantity.rule';
export * from './rules/order-lines.rule';
