import { Injectable } from '@nestjs/common';
import { InvoiceFilter, InvoicePage, InvoiceReadModel, InvoiceView } from '@bascule/billing/application';
import { executorOf, poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import {
  localDate,
  totalExclVatColumns,
  totalVatColumns,
  totalInclVatColumns,
  creditedInclVatColumns,
  InvoiceRow,
} from './invoice.table';
import { InvoiceStatus, vatByRate } from '@bascule/billing/domain';
import { Money } from '@bascule/shared/ddd';
import { InvoiceLineRow, invoiceLineViewOf } from './invoice-line.table';
import { CreditNoteRow, creditNoteViewOf } from './credit-note.table';

const view = (row: InvoiceRow): Omit<InvoiceView, 'invoiceLines' | 'creditNotes' | 'vatByRate'> => ({
  id: row.id,
  version: row.version,
  orderId: row.order_id,
  number: row.number,
  issuedOn: localDate(row.issued_on),
  totalExclVat: totalExclVatColumns.fromRow(row).toJSON(),
  totalVat: totalVatColumns.fromRow(row).toJSON(),
  totalInclVat: totalInclVatColumns.fromRow(row).toJSON(),
  creditedInclVat: creditedInclVatColumns.fromRow(row).toJSON(),
  status: row.status as InvoiceStatus,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Queries straight from `invoices`; keyset pagination on (created_at, id). */
@Injectable()
export class PgInvoiceReadModel implements InvoiceReadModel {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  /** In the caller's transaction when there is one: a creation under an Idempotency-Key answers before it commits. */
  async get(id: string): Promise<InvoiceView | undefined> {
    const rows = await executorOf(this.pool).query<InvoiceRow>('SELECT * FROM invoices WHERE id = $1', [id]);
    return rows[0] ? (await this.views([rows[0]]))[0] : undefined;
  }

  async list({ orderId, cursor, limit }: InvoiceFilter): Promise<InvoicePage> {
    // $2 is null when no order is asked for: one statement, one plan, whatever the filter.
    const after = cursor ? 'AND (created_at, id) > (SELECT created_at, id FROM invoices WHERE id = $3)' : '';
    const rows = await executorOf(this.pool).query<InvoiceRow>(
      `SELECT * FROM invoices WHERE ($2::uuid IS NULL OR order_id = $2) ${after} ORDER BY created_at, id LIMIT $1`,
      [limit + 1, orderId ?? null, ...(cursor ? [cursor] : [])],
    );
    const items = await this.views(rows.slice(0, limit));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  /** The views of `rows` with their children, one query per child table. */
  private async views(rows: InvoiceRow[]): Promise<InvoiceView[]> {
    const ids = rows.map((row) => row.id);
    const invoiceLineRows = await executorOf(this.pool).query<InvoiceLineRow>(
      'SELECT * FROM invoice_lines WHERE invoice_id = ANY($1) ORDER BY invoice_id, position',
      [ids],
    );
    const creditNoteRows = await executorOf(this.pool).query<CreditNoteRow>(
      'SELECT * FROM invoice_credit_notes WHERE invoice_id = ANY($1) ORDER BY invoice_id, position',
      [ids],
    );
    return rows.map((row) => {
      const invoiceLines = invoiceLineRows.filter((child) => child.invoice_id === row.id).map(invoiceLineViewOf);
      return {
        ...view(row),
        invoiceLines,
        creditNotes: creditNoteRows.filter((child) => child.invoice_id === row.id).map(creditNoteViewOf),
        vatByRate: vatByRate(
          invoiceLines.map((line) => ({ vatRate: line.vatRate, lineExclVat: Money.fromJSON(line.lineExclVat) })),
          row.total_incl_vat_currency ?? 'EUR',
        ).map((r) => ({ vatRate: r.vatRate, base: r.base.toJSON(), vat: r.vat.toJSON() })),
      };
    });
  }
}
