export * from './counting-pool';
export * from './member';
export * from './members-table';
export * from './order';
export * from './orders-table';
