export * from './inventory-database';
export * from './inventory-infrastructure.module';
