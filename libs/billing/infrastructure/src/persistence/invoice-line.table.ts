import { InvoiceLineView } from '@bascule/billing/application';
import { Invoice, InvoiceLine, InvoiceLineId } from '@bascule/billing/domain';
import { ChildTable, MoneyColumns } from '@bascule/shared/persistence';

/** A row of `invoice_lines`: one invoice line, keyed by its invoice and its own id, at its position. */
export interface InvoiceLineRow {
  invoice_id: string;
  invoice_line_id: string;
  position: number;
  sku: string;
  quantity: number;
  unit_price_amount: number | string | null;
  unit_price_currency: string | null;
  vat_rate: number;
  line_excl_vat_amount: number | string | null;
  line_excl_vat_currency: string | null;
}
const unitPriceColumns = new MoneyColumns('unit_price');
const lineExclVatColumns = new MoneyColumns('line_excl_vat');

/** The invoice lines of one invoice, saved with it under its version (ADR 0025). */
export const invoiceLineTable: ChildTable<Invoice, InvoiceLineRow> = {
  table: 'invoice_lines',
  parentColumn: 'invoice_id',
  keyColumns: ['invoice_line_id'],
  columns: {
    invoice_id: 'uuid',
    invoice_line_id: 'uuid',
    position: 'integer',
    sku: 'text',
    quantity: 'integer',
    unit_price_amount: 'bigint',
    unit_price_currency: 'char(3)',
    vat_rate: 'integer',
    line_excl_vat_amount: 'bigint',
    line_excl_vat_currency: 'char(3)',
  },
  orderBy: 'position',
  rowsOf: (invoice) =>
    invoice.invoiceLines.map((invoiceLine, position) => ({
      invoice_id: invoice.id.value,
      invoice_line_id: invoiceLine.id.value,
      position,
      sku: invoiceLine.snapshot.sku,
      quantity: invoiceLine.snapshot.quantity,
      ...unitPriceColumns.toRow(invoiceLine.snapshot.unitPrice),
      vat_rate: invoiceLine.snapshot.vatRate,
      ...lineExclVatColumns.toRow(invoiceLine.snapshot.lineExclVat),
    })),
};

/** The invoice line of a row. */
export const invoiceLineOf = (row: InvoiceLineRow): InvoiceLine =>
  InvoiceLine.of(InvoiceLineId.of(row.invoice_line_id), {
    sku: row.sku,
    quantity: row.quantity,
    unitPrice: unitPriceColumns.fromRow(row),
    vatRate: row.vat_rate,
    lineExclVat: lineExclVatColumns.fromRow(row),
  });

/** The view of a row (what the read model answers). */
export const invoiceLineViewOf = (row: InvoiceLineRow): InvoiceLineView => ({
  id: row.invoice_line_id,
  sku: row.sku,
  quantity: row.quantity,
  unitPrice: unitPriceColumns.fromRow(row).toJSON(),
  vatRate: row.vat_rate,
  lineExclVat: lineExclVatColumns.fromRow(row).toJSON(),
});
