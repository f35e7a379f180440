import { InvoiceCreatedV1, InvoiceCreditNoteIssuedV1 } from '@bascule/billing/contracts';
import { Invoice, InvoiceEvent, InvoiceId, InvoiceOrderInvoiced, InvoiceStatus } from '@bascule/billing/domain';
import { Clock } from '@bascule/shared/ddd';
import { AggregateTable, IntegrationEvent, MoneyColumns } from '@bascule/shared/persistence';
import { invoiceLineTable, invoiceLineOf } from './invoice-line.table';
import { creditNoteTable, creditNoteOf } from './credit-note.table';

/**
 * A row of `invoices` as written; `SELECT *` adds the timestamps (and reads a bigint back as a
 * string, a date back as a Date at local midnight).
 */
export interface InvoiceWrite {
  id: string;
  version: number;
  order_id: string;
  number: string;
  issued_on: string | Date;
  total_excl_vat_amount: number | string | null;
  total_excl_vat_currency: string | null;
  total_vat_amount: number | string | null;
  total_vat_currency: string | null;
  total_incl_vat_amount: number | string | null;
  total_incl_vat_currency: string | null;
  credited_incl_vat_amount: number | string | null;
  credited_incl_vat_currency: string | null;
  status: string;
}
export type InvoiceRow = InvoiceWrite & { created_at: Date; updated_at: Date };
export const totalExclVatColumns = new MoneyColumns('total_excl_vat');
export const totalVatColumns = new MoneyColumns('total_vat');
export const totalInclVatColumns = new MoneyColumns('total_incl_vat');
export const creditedInclVatColumns = new MoneyColumns('credited_incl_vat');

/** `YYYY-MM-DD` of a date column: node-postgres hands it over as a Date at local midnight. */
export const localDate = (value: string | Date): string =>
  typeof value === 'string'
    ? value
    : `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;

/** Domain event → published integration event (v1): the only place the two vocabularies meet. */
function integrationEventOf(event: InvoiceEvent): IntegrationEvent {
  switch (event.type) {
    case 'InvoiceCreated':
      return {
        contract: InvoiceCreatedV1,
        payload: {
          invoiceId: event.aggregateId,
          orderId: event.orderId,
          number: event.number,
          issuedOn: event.issuedOn,
          totalExclVat: event.totalExclVat.toJSON(),
          totalVat: event.totalVat.toJSON(),
          totalInclVat: event.totalInclVat.toJSON(),
          creditedInclVat: event.creditedInclVat.toJSON(),
          status: event.status,
          lines: event.lines.map((line) => ({
            invoiceLineId: line.invoiceLineId,
            sku: line.sku,
            quantity: line.quantity,
            unitPrice: line.unitPrice.toJSON(),
            vatRate: line.vatRate,
            lineExclVat: line.lineExclVat.toJSON(),
          })),
        },
      };
    case 'InvoiceCreditNoteIssued':
      return {
        contract: InvoiceCreditNoteIssuedV1,
        payload: {
          invoiceId: event.aggregateId,
          creditNoteId: event.creditNoteId,
          number: event.number,
          issuedOn: event.issuedOn,
          amount: event.amount.toJSON(),
          reason: event.reason,
          creditedInclVat: event.creditedInclVat.toJSON(),
          status: event.status,
        },
      };
  }
}

/** How invoices are stored: the row, the mapping both ways, the events they publish. */
export const invoiceTable = (clock: Clock): AggregateTable<Invoice, InvoiceWrite, InvoiceRow> => ({
  name: 'invoice',
  table: 'invoices',
  columns: {
    id: 'uuid',
    version: 'integer',
    order_id: 'uuid',
    number: 'text',
    issued_on: 'date',
    total_excl_vat_amount: 'bigint',
    total_excl_vat_currency: 'char(3)',
    total_vat_amount: 'bigint',
    total_vat_currency: 'char(3)',
    total_incl_vat_amount: 'bigint',
    total_incl_vat_currency: 'char(3)',
    credited_incl_vat_amount: 'bigint',
    credited_incl_vat_currency: 'char(3)',
    status: 'text',
  },
  updatedAtColumn: 'updated_at',
  uniqueViolations: { invoices_order_unique: () => new InvoiceOrderInvoiced() },
  children: [invoiceLineTable, creditNoteTable],
  toRow: (invoice) => ({
    id: invoice.id.value,
    version: invoice.version,
    order_id: invoice.snapshot.orderId,
    number: invoice.snapshot.number,
    issued_on: invoice.snapshot.issuedOn,
    ...totalExclVatColumns.toRow(invoice.snapshot.totalExclVat),
    ...totalVatColumns.toRow(invoice.snapshot.totalVat),
    ...totalInclVatColumns.toRow(invoice.snapshot.totalInclVat),
    ...creditedInclVatColumns.toRow(invoice.snapshot.creditedInclVat),
    status: invoice.snapshot.status,
  }),
  toAggregate: (row, children) =>
    Invoice.reconstitute(
      InvoiceId.of(row.id),
      row.version,
      {
        orderId: row.order_id,
        number: row.number,
        issuedOn: localDate(row.issued_on),
        totalExclVat: totalExclVatColumns.fromRow(row),
        totalVat: totalVatColumns.fromRow(row),
        totalInclVat: totalInclVatColumns.fromRow(row),
        creditedInclVat: creditedInclVatColumns.fromRow(row),
        status: row.status as InvoiceStatus,
      },
      clock,
      children.of(invoiceLineTable).map(invoiceLineOf),
      children.of(creditNoteTable).map(creditNoteOf),
    ),
  integrationEventOf,
});
