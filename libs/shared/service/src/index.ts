export * from './create-service-app';
export * from './run-service';
export * from './service-definition';
export * from './service-platform.module';
export * from './transport-error.filter';
export * from './edge-limits';
export * from './rate-limit';
