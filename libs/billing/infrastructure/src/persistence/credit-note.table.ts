import { CreditNoteView } from '@bascule/billing/application';
import { Invoice, CreditNote, CreditNoteId } from '@bascule/billing/domain';
import { ChildTable, MoneyColumns } from '@bascule/shared/persistence';

/** A row of `invoice_credit_notes`: one credit note, keyed by its invoice and its own id, at its position. */
export interface CreditNoteRow {
  invoice_id: string;
  credit_note_id: string;
  position: number;
  number: string;
  amount_amount: number | string | null;
  amount_currency: string | null;
  reason: string;
  issued_on: string | Date;
}
const amountColumns = new MoneyColumns('amount');

/** `YYYY-MM-DD` of a date column: node-postgres hands it over as a Date at local midnight. */
const localDate = (value: string | Date): string =>
  typeof value === 'string'
    ? value
    : `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;

/** The credit notes of one invoice, saved with it under its version (ADR 0025). */
export const creditNoteTable: ChildTable<Invoice, CreditNoteRow> = {
  table: 'invoice_credit_notes',
  parentColumn: 'invoice_id',
  keyColumns: ['credit_note_id'],
  columns: {
    invoice_id: 'uuid',
    credit_note_id: 'uuid',
    position: 'integer',
    number: 'text',
    amount_amount: 'bigint',
    amount_currency: 'char(3)',
    reason: 'text',
    issued_on: 'date',
  },
  orderBy: 'position',
  rowsOf: (invoice) =>
    invoice.creditNotes.map((creditNote, position) => ({
      invoice_id: invoice.id.value,
      credit_note_id: creditNote.id.value,
      position,
      number: creditNote.snapshot.number,
      ...amountColumns.toRow(creditNote.snapshot.amount),
      reason: creditNote.snapshot.reason,
      issued_on: creditNote.snapshot.issuedOn,
    })),
};

/** The credit note of a row. */
export const creditNoteOf = (row: CreditNoteRow): CreditNote =>
  CreditNote.of(CreditNoteId.of(row.credit_note_id), {
    number: row.number,
    amount: amountColumns.fromRow(row),
    reason: row.reason,
    issuedOn: localDate(row.issued_on),
  });

/** The view of a row (what the read model answers). */
export const creditNoteViewOf = (row: CreditNoteRow): CreditNoteView => ({
  id: row.credit_note_id,
  number: row.number,
  amount: amountColumns.fromRow(row).toJSON(),
  reason: row.reason,
  issuedOn: localDate(row.issued_on),
});
