import { InvoiceChanges } from './invoice-changes';
import { CreateInvoiceHandler } from './commands/create-invoice/create-invoice.handler';

import { GetInvoiceHandler } from './queries/get-invoice/get-invoice.handler';
import { ListInvoicesHandler } from './queries/list-invoices/list-invoices.handler';
import { IssueCreditNoteHandler } from './commands/issue-credit-note/issue-credit-note.handler';
import { SyncInvoiceFromLegacyTablesHandler } from './commands/sync-invoice-from-legacy-tables/sync-invoice-from-legacy-tables.handler';

/** Every provider of the billing application layer, for the service module to register. */
export const billingApplicationProviders = [
  InvoiceChanges,
  CreateInvoiceHandler,
  GetInvoiceHandler,
  ListInvoicesHandler,
  IssueCreditNoteHandler,
  SyncInvoiceFromLegacyTablesHandler,
];
