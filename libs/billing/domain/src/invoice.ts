import { AggregateRoot, Clock, InvalidValueError, Money } from '@bascule/shared/ddd';
import { VatTotal, vatByRate, vatTotals } from './vat';
import { InvoiceId } from './invoice-id';
import { InvoiceEvent } from './invoice.events';
import { InvoiceLine, InvoiceLineId } from './invoice-line';
import {
  InvoiceCreditAmountInvalid,
  InvoiceCreditExceedsRemaining,
  InvoiceCreditNoteIdTaken,
  InvoiceInvalidState,
  InvoiceIssuedImmutable,
} from './invoice.errors';
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

  /**
   * Issues the invoice of an order under the number its series gave it: each line's total excluding VAT is its
   * unit price × quantity, the VAT is computed per rate (ADR 0043), nothing is credited yet. The lines are given
   * once, here: an issued invoice never changes, it is corrected by credit notes.
   */
  static issue(
    id: InvoiceId,
    issue: {
      orderId: string;
      number: string;
      issuedOn: string;
      lines: readonly { invoiceLineId: string; sku: string; quantity: number; unitPrice: Money; vatRate: number }[];
    },
    clock: Clock,
  ): Invoice {
    if (issue.lines.length === 0) throw new InvalidValueError('lines', 'an invoice bills at least one line');
    const currency = issue.lines[0].unitPrice.currency;
    const lines = issue.lines.map((line) => ({ ...line, lineExclVat: line.unitPrice.multiply(line.quantity) }));
    const { totalExclVat, totalVat, totalInclVat } = vatTotals(lines, currency);
    const state: InvoiceState = {
      orderId: issue.orderId,
      number: issue.number,
      issuedOn: issue.issuedOn,
      totalExclVat,
      totalVat,
      totalInclVat,
      creditedInclVat: Money.zero(currency),
      status: 'ISSUED',
    };
    const entities = lines.map(({ invoiceLineId, ...line }) => InvoiceLine.of(InvoiceLineId.of(invoiceLineId), line));
    const invoice = new Invoice(id, 0, state, clock, entities);
    invoice.recordEvent({ type: 'InvoiceCreated', ...state, lines }, clock.now());
    return invoice;
  }

  /** Through `issue` (or a test's fixture): the totals are the lines'. */
  static create(id: InvoiceId, state: InvoiceState, clock: Clock): Invoice {
    const invoice = new Invoice(id, 0, { ...state }, clock);
    invoice.recordEvent({ type: 'InvoiceCreated', ...state, lines: [] }, clock.now());
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

  /** What is left to credit: the total including VAT less the credit notes issued. */
  get remainingInclVat(): Money {
    return this.state.totalInclVat.subtract(this.state.creditedInclVat);
  }

  /** VAT per rate, from the lines (ADR 0043). */
  get vatByRate(): VatTotal[] {
    return vatByRate(
      this.currentInvoiceLines.map((line) => line.snapshot),
      this.state.totalInclVat.currency,
    );
  }

  /**
   * A credit note (avoir) for a refund, under its own series' number: positive, in the invoice's currency, never
   * above what is left to credit. The invoice becomes PARTIALLY_CREDITED, or CREDITED once nothing is left.
   * The same credit note given again (its id) records nothing; its id with other values is refused.
   */
  issueCreditNote(change: {
    creditNoteId: string;
    number: string;
    issuedOn: string;
    amount: Money;
    reason: string;
  }): void {
    const { creditNoteId, ...values } = change;
    if (change.amount.currency !== this.state.totalInclVat.currency)
      throw new InvoiceCreditAmountInvalid(this.id.value, `is in ${this.state.totalInclVat.currency}`);
    if (!change.amount.isPositive()) throw new InvoiceCreditAmountInvalid(this.id.value, 'credits a positive amount');
    const note = CreditNote.of(CreditNoteId.of(creditNoteId), values);
    const present = this.currentCreditNotes.find((held) => held.equals(note));
    if (present?.sameAs(note)) return;
    if (present) throw new InvoiceCreditNoteIdTaken(this.id.value, creditNoteId);
    if (!(['ISSUED', 'PARTIALLY_CREDITED'] as (string | null)[]).includes(this.state.status))
      throw new InvoiceInvalidState(this.id.value, String(this.state.status), 'issue-credit-note');
    const { amount } = change;
    if (amount.isGreaterThan(this.remainingInclVat))
      throw new InvoiceCreditExceedsRemaining(this.id.value, this.remainingInclVat.toDecimal());
    const creditedInclVat = this.state.creditedInclVat.add(amount);
    const status = creditedInclVat.equals(this.state.totalInclVat) ? 'CREDITED' : 'PARTIALLY_CREDITED';
    this.currentCreditNotes = [...this.currentCreditNotes, note];
    this.state = { ...this.state, creditedInclVat, status };
    this.recordEvent({ type: 'InvoiceCreditNoteIssued', ...change, creditedInclVat, status }, this.clock.now());
  }

  /**
   * The invoice's legacy row written again (ADR 0050): an issued invoice never changes, so the values it was issued
   * with record nothing, and any other value is refused (the row is set aside, the invoice stays as issued).
   */
  syncFromLegacy(change: {
    orderId: string;
    number: string;
    issuedOn: string;
    totalExclVat: Money;
    totalVat: Money;
    totalInclVat: Money;
  }): void {
    const held = this.state;
    const same =
      change.orderId === held.orderId &&
      change.number === held.number &&
      change.issuedOn === held.issuedOn &&
      change.totalExclVat.equals(held.totalExclVat) &&
      change.totalVat.equals(held.totalVat) &&
      change.totalInclVat.equals(held.totalInclVat);
    if (!same) throw new InvoiceIssuedImmutable(this.id.value);
  }
}
