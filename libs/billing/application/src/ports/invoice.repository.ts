import { Invoice } from '@bascule/billing/domain';
import { AggregateRepository } from '@bascule/shared/application';

export type InvoiceRepository = AggregateRepository<Invoice>;

export const INVOICE_REPOSITORY = Symbol('InvoiceRepository');
