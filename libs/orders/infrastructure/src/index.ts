export * from './orders-database';
export * from './orders-infrastructure.module';
