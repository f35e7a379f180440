export * from './client-database';
export * from './client-infrastructure.module';
export * from './messaging/client-integration-events';
export * from './persistence/client.row';
export * from './persistence/clients-table';
export * from './persistence/pg-client.read-model';
export * from './persistence/pg-client.repository';
export * from './legacy/legacy-clients.sync';
