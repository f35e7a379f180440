import { ContextDatabase, platformMigrations } from '@bascule/shared/persistence';
import { CreateInvoices1796610093865 } from './migrations/1796610093865-create-invoices';
import { CreateInvoiceLines1796610169286 } from './migrations/1796610169286-create-invoice-lines';
import { CreateInvoiceCreditNotes1796610200888 } from './migrations/1796610200888-create-invoice-credit-notes';
import { KeepOnOrderPlaced1796610301668 } from './migrations/1796610301668-keep-on-order-placed';
import { KeepOnOrderConfirmed1796610329394 } from './migrations/1796610329394-keep-on-order-confirmed';
import { KeepOnOrderRejected1796610354952 } from './migrations/1796610354952-keep-on-order-rejected';
import { KeepOnOrderCanceled1796610382483 } from './migrations/1796610382483-keep-on-order-canceled';
import { KeepOnOrderShipped1796610407107 } from './migrations/1796610407107-keep-on-order-shipped';
import { NumberSeries1796613000000 } from './migrations/1796613000000-number-series';
import { LegacyInvoicesTables1796620198643 } from './migrations/1796620198643-legacy-invoices-tables';
import { KeepOnStockItemCreated1796620283193 } from './migrations/1796620283193-keep-on-stock-item-created';
import { KeepOnStockItemVatRateChanged1796620319501 } from './migrations/1796620319501-keep-on-stock-item-vat-rate-changed';
import { sagaParticipantMigrations } from '@bascule/saga';

/** The billing context's own database (`BILLING_DATABASE`, default `bascule_billing`). */
export const billingDatabase: ContextDatabase = {
  service: 'billing-service',
  prefix: 'BILLING',
  database: 'bascule_billing',
  migrations: [
    ...platformMigrations,
    CreateInvoices1796610093865,
    CreateInvoiceLines1796610169286,
    CreateInvoiceCreditNotes1796610200888,
    KeepOnOrderPlaced1796610301668,
    KeepOnOrderConfirmed1796610329394,
    KeepOnOrderRejected1796610354952,
    KeepOnOrderCanceled1796610382483,
    KeepOnOrderShipped1796610407107,
    NumberSeries1796613000000,
    LegacyInvoicesTables1796620198643,
    KeepOnStockItemCreated1796620283193,
    KeepOnStockItemVatRateChanged1796620319501,
    ...sagaParticipantMigrations,
  ],
};
