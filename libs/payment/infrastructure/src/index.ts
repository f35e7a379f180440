export * from './payment-database';
export * from './payment-infrastructure.module';
