export * from './invoice';
export * from './invoice-id';
export * from './invoice.errors';
export * from './invoice.events';
export * from './invoice-line';
export * from './credit-note';
export * from './vat';
