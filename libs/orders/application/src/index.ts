export * from './order-changes';
export * from './orders-application';
export * from './commands/place-order/place-order.command';
export * from './ports/catalogue';
export * from './ports/known-clients';
export * from './ports/order-backlog';

export * from './ports/order-read-model';
export * from './ports/order.repository';
export * from './queries/get-order/get-order.query';
export * from './queries/list-orders/list-orders.query';
export * from './commands/confirm-order/confirm-order.command';
export * from './commands/reject-order/reject-order.command';
export * from './commands/ship-order/ship-order.command';
export * from './commands/cancel-order/cancel-order.command';
export * from './commands/complete-order-cancellation/complete-order-cancellation.command';
export * from './commands/sync-order-from-legacy-tables/sync-order-from-legacy-tables.command';
// The handlers the saga participants run, for an integration spec to wire without a Nest module.
export * from './commands/confirm-order/confirm-order.handler';
export * from './commands/reject-order/reject-order.handler';
export * from './commands/cancel-order/cancel-order.handler';
export * from './commands/complete-order-cancellation/complete-order-cancellation.handler';
