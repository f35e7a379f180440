export * from './payment';
export * from './payment-id';
export * from './payment.errors';
export * from './payment.events';
