export * from './client-database';
export * from './client-infrastructure.module';
export * from './messaging/client-integration-events';
export * from './persistence/client.record';
export * from './persistence/typeorm-client.read-model';
export * from './persistence/typeorm-client.repository';
