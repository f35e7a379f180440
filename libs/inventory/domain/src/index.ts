export * from './stock-item';
export * from './stock-item-id';
export * from './stock-item.errors';
export * from './stock-item.events';
