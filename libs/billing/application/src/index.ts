export * from './invoice-changes';
export * from './billing-application';
export * from './commands/create-invoice/create-invoice.command';

export * from './ports/invoice-read-model';
export * from './ports/invoice.repository';
export * from './queries/get-invoice/get-invoice.query';
export * from './queries/list-invoices/list-invoices.query';
export * from './commands/issue-credit-note/issue-credit-note.command';
export * from './ports/known-orders';
export * from './ports/numbering';
export * from './ports/vat-rates';
export * from './issue-date';
export * from './commands/create-invoice/create-invoice.handler';
export * from './commands/issue-credit-note/issue-credit-note.handler';
export * from './commands/sync-invoice-from-legacy-tables/sync-invoice-from-legacy-tables.command';
