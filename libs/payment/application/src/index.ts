export * from './payment-changes';
export * from './payment-application';
export * from './commands/create-payment/create-payment.command';

export * from './ports/payment-read-model';
export * from './ports/payment.repository';
export * from './queries/get-payment/get-payment.query';
export * from './queries/list-payments/list-payments.query';
export * from './commands/capture/capture.command';
export * from './commands/void/void.command';
export * from './commands/refund/refund.command';
export * from './ports/payment-provider';
export * from './commands/sync-payment-from-legacy-tables/sync-payment-from-legacy-tables.command';
