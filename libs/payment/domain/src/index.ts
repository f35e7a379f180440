export * from './payment';
export * from './payment-id';
export * from './payment.errors';
export * from './payment.events';
export * from './provider-decision';
export * from './rules/payment-method.rule';
export * from './rules/positive-amount.rule';
export * from './rules/legacy-payment.rule';
