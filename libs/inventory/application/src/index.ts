export * from './stock-item-changes';
export * from './inventory-application';
export * from './commands/create-stock-item/create-stock-item.command';

export * from './ports/stock-item-read-model';
export * from './ports/stock-item.repository';
export * from './queries/get-stock-item/get-stock-item.query';
export * from './queries/list-stock-items/list-stock-items.query';
export * from './commands/change-stock-item-price/change-stock-item-price.command';
export * from './stock-reservation-changes';
export * from './commands/create-stock-reservation/create-stock-reservation.command';
export * from './ports/stock-reservation-read-model';
export * from './ports/stock-reservation.repository';
export * from './queries/get-stock-reservation/get-stock-reservation.query';
export * from './queries/list-stock-reservations/list-stock-reservations.query';
export * from './commands/release-stock-reservation/release-stock-reservation.command';
export * from './commands/commit-stock-reservation/commit-stock-reservation.command';
export * from './commands/restock-stock-item/restock-stock-item.command';
export * from './commands/adjust-stock-item/adjust-stock-item.command';
export * from './ports/stock-transaction';
export * from './stock-moves';
// The handlers that move stock across aggregates, for the store's PostgreSQL proofs.
export * from './commands/create-stock-reservation/create-stock-reservation.handler';
export * from './commands/release-stock-reservation/release-stock-reservation.handler';
export * from './commands/commit-stock-reservation/commit-stock-reservation.handler';
export * from './commands/sync-stock-item-from-legacy-tables/sync-stock-item-from-legacy-tables.command';
export * from './commands/change-stock-item-vat-rate/change-stock-item-vat-rate.command';
