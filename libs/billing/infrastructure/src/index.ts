export * from './billing-database';
export * from './billing-infrastructure.module';
