export * from './stock-item-changes';
export * from './inventory-application';
export * from './commands/create-stock-item/create-stock-item.command';

export * from './ports/stock-item-read-model';
export * from './ports/stock-item.repository';
export * from './queries/get-stock-item/get-stock-item.query';
export * from './queries/list-stock-items/list-stock-items.query';
export * from './commands/change-stock-item-price/change-stock-item-price.command';
