export * from './payment-database';
export * from './payment-infrastructure.module';
export * from './provider/http-payment-provider';
export * from './provider/payment-provider.module';
export * from './provider/simulated-payment-provider';
