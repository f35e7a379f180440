import { AggregateRoot, Clock, Money } from '@bascule/shared/ddd';
import { InvoiceId } from './invoice-id';
import { InvoiceEvent } from './invoice.events';
import { InvoiceLine, InvoiceLineId } from './invoice-line';
import { InvoiceLineIdTaken, InvoiceCreditNoteIdTaken, InvoiceInvalidState } from './invoice.errors';
import { CreditNote, CreditNoteId } from './credit-note';

export const INVOICE_STATUS_VALUES = ['ISSUED', 'PARTIALLY_CREDITED', 'CREDITED'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUS_VALUES)[number];

export interface InvoiceState {
  orderId: string;
  number: string;
  issuedOn: string;
  totalExclVat: Money;
  totalVat: Money;
  totalInclVat: Money;
  creditedInclVat: Money;
  status: InvoiceStatus;
}

/** The billing context's invoice. Commands that would change nothing record nothing. */
export class Invoice extends AggregateRoot<InvoiceId, InvoiceEvent> {
  private constructor(
    id: InvoiceId,
    version: number,
    private state: InvoiceState,
    private readonly clock: Clock,
    private currentInvoiceLines: InvoiceLine[] = [],
    private currentCreditNotes: CreditNote[] = [],
  ) {
    super(id, version);
  }

  static create(id: InvoiceId, state: InvoiceState, clock: Clock): Invoice {
    const invoice = new Invoice(id, 0, { ...state }, clock);
    invoice.recordEvent({ type: 'InvoiceCreated', ...state }, clock.now());
    return invoice;
  }

  static reconstitute(
    id: InvoiceId,
    version: number,
    state: InvoiceState,
    clock: Clock,
    invoiceLines: InvoiceLine[] = [],
    creditNotes: CreditNote[] = [],
  ): Invoice {
    return new Invoice(id, version, state, clock, invoiceLines, creditNotes);
  }

  get snapshot(): Readonly<InvoiceState> {
    return this.state;
  }

  get creditNotes(): readonly CreditNote[] {
    return this.currentCreditNotes;
  }

  get invoiceLines(): readonly InvoiceLine[] {
    return this.currentInvoiceLines;
  }

  /** Adds one invoice line: records InvoiceLineAdded; nothing when it is there with the same values; refused when its id is there with others. */
  addInvoiceLine(change: {
    invoiceLineId: string;
    sku: string;
    quantity: number;
    unitPrice: Money;
    vatRate: number;
    lineExclVat: Money;
  }): void {
    const { invoiceLineId, ...state } = change;
    const added = InvoiceLine.of(InvoiceLineId.of(invoiceLineId), state);
    const present = this.currentInvoiceLines.find((invoiceLine) => invoiceLine.equals(added));
    if (present?.sameAs(added)) return;
    if (present) throw new InvoiceLineIdTaken(this.id.value, invoiceLineId);
    this.currentInvoiceLines = [...this.currentInvoiceLines, added];
    this.recordEvent(
      {
        type: 'InvoiceLineAdded',
        invoiceLineId,
        sku: state.sku,
        quantity: state.quantity,
        unitPrice: state.unitPrice,
        vatRate: state.vatRate,
        lineExclVat: state.lineExclVat,
      },
      this.clock.now(),
    );
  }

  /** Removes one invoice line: records InvoiceLineRemoved; nothing when it is not there. */
  removeInvoiceLine({ invoiceLineId }: { invoiceLineId: string }): void {
    const next = this.currentInvoiceLines.filter((invoiceLine) => invoiceLine.id.value !== invoiceLineId);
    if (next.length === this.currentInvoiceLines.length) return;
    this.currentInvoiceLines = next;
    this.recordEvent({ type: 'InvoiceLineRemoved', invoiceLineId }, this.clock.now());
  }

  /** Adds one credit note: records InvoiceCreditNoteAdded; nothing when it is there with the same values; refused when its id is there with others. */
  addCreditNote(change: {
    creditNoteId: string;
    number: string;
    amount: Money;
    reason: string;
    issuedOn: string;
  }): void {
    const { creditNoteId, ...state } = change;
    const added = CreditNote.of(CreditNoteId.of(creditNoteId), state);
    const present = this.currentCreditNotes.find((creditNote) => creditNote.equals(added));
    if (present?.sameAs(added)) return;
    if (present) throw new InvoiceCreditNoteIdTaken(this.id.value, creditNoteId);
    this.currentCreditNotes = [...this.currentCreditNotes, added];
    this.recordEvent(
      {
        type: 'InvoiceCreditNoteAdded',
        creditNoteId,
        number: state.number,
        amount: state.amount,
        reason: state.reason,
        issuedOn: state.issuedOn,
      },
      this.clock.now(),
    );
  }

  /** Removes one credit note: records InvoiceCreditNoteRemoved; nothing when it is not there. */
  removeCreditNote({ creditNoteId }: { creditNoteId: string }): void {
    const next = this.currentCreditNotes.filter((creditNote) => creditNote.id.value !== creditNoteId);
    if (next.length === this.currentCreditNotes.length) return;
    this.currentCreditNotes = next;
    this.recordEvent({ type: 'InvoiceCreditNoteRemoved', creditNoteId }, this.clock.now());
  }

  /** issue credit note (from ISSUED, PARTIALLY_CREDITED) → PARTIALLY_CREDITED: records InvoiceCreditNoteIssued when it changes the state. */
  issueCreditNote(change: { amount: Money; reason: string }): void {
    if (!(['ISSUED', 'PARTIALLY_CREDITED'] as (string | null)[]).includes(this.state.status))
      throw new InvoiceInvalidState(this.id.value, String(this.state.status), 'issue-credit-note');
    const next: InvoiceState = { ...this.state, status: 'PARTIALLY_CREDITED' };
    if (next.status === this.state.status) return;
    this.state = next;
    this.recordEvent(
      { type: 'InvoiceCreditNoteIssued', status: next.status, amount: change.amount, reason: change.reason },
      this.clock.now(),
    );
  }
}
