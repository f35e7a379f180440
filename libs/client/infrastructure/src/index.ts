export * from './client-database';
export * from './client-infrastructure.module';
export * from './messaging/client-integration-events';
export * from './persistence/client.row';
export * from './persistence/typeorm-client.read-model';
export * from './persistence/typeorm-client.repository';
export * from './legacy/legacy-clients-sync';
export * from './legacy/legacy-cdc-readiness';
