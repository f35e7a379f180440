export * from './clients/legacy-client-contract.port';
export * from './clients/legacy-client-key';
export * from './clients/legacy-client-row';
export * from './clients/legacy-clients.capture';
export * from './clients/render-legacy-client';
export * from './clients/translate-legacy-client';
export * from './debezium/debezium-change';
export * from './debezium/debezium-table';
