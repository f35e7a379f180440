export * from './counting-pool';
export * from './member';
export * from './members-table';
