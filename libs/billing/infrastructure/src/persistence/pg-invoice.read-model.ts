import { Injectable } from '@nestjs/common';
import { InvoicePage, InvoiceReadModel, InvoiceView } from '@bascule/billing/application';
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
import { InvoiceStatus } from '@bascule/billing/domain';
import { InvoiceLineRow, invoiceLineViewOf } from './invoice-line.table';
import { CreditNoteRow, creditNoteViewOf } from './credit-note.table';

const view = (row: InvoiceRow): Omit<InvoiceView, 'invoiceLines' | 'creditNotes'> => ({
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

  async list({ cursor, limit }: { cursor?: string; limit: number }): Promise<InvoicePage> {
    const after = cursor ? 'WHERE (created_at, id) > (SELECT created_at, id FROM invoices WHERE id = $2)' : '';
    const { rows } = await this.pool.query<InvoiceRow>(
      `SELECT * FROM invoices ${after} ORDER BY created_at, id LIMIT $1`,
      cursor ? [limit + 1, cursor] : [limit + 1],
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
    return rows.map((row) => ({
      ...view(row),
      invoiceLines: invoiceLineRows.filter((child) => child.invoice_id === row.id).map(invoiceLineViewOf),
      creditNotes: creditNoteRows.filter((child) => child.invoice_id === row.id).map(creditNoteViewOf),
    }));
  }
}
