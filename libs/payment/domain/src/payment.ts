import { AggregateRoot, Clock, Money } from '@bascule/shared/ddd';
import { PaymentId } from './payment-id';
import { PaymentEvent } from './payment.events';
import { PaymentInvalidState } from './payment.errors';
import { ProviderDecision } from './provider-decision';
import { captureWithinAuthorization } from './rules/capture-within-authorization.rule';
import { LegacyPaymentRecord, legacyPaymentState } from './rules/legacy-payment.rule';
import { CardSummary } from './rules/payment-method.rule';
import { refundsWithinCapture } from './rules/refunds-within-capture.rule';

export const PAYMENT_STATUS_VALUES = [
  'AUTHORIZED',
  'DECLINED',
  'CAPTURED',
  'VOIDED',
  'REFUNDED',
  'PARTIALLY_REFUNDED',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUS_VALUES)[number];

/** The reason a saga is told its authorization was refused: the provider declined it (a DECLINED payment). */
export const PAYMENT_DECLINED = 'PAYMENT_DECLINED';

/** How the payment was made: new payments are by card; the legacy system also holds transfers and direct debits. */
export const PAYMENT_METHOD_VALUES = ['CARD', 'TRANSFER', 'DIRECT_DEBIT'] as const;
export type PaymentMethod = (typeof PAYMENT_METHOD_VALUES)[number];

export interface PaymentState {
  orderId: string;
  authorizedAmount: Money;
  status: PaymentStatus;
  declineReason: string | null;
  /** None: a legacy payment whose method the legacy system did not record. */
  method: PaymentMethod | null;
  /** A card's last four and type; none for a transfer, a direct debit, or a legacy card payment (no card kept). */
  cardLast4: string | null;
  cardType: string | null;
  /** A transfer's or direct debit's IBAN, masked at capture (country and last four): never held in clear. */
  maskedIban: string | null;
  /** The day the legacy system recorded the payment on (DD/MM/YYYY, as it wrote it); none for a new payment. */
  paidOn: string | null;
  capturedAmount: Money | null;
  refundedAmount: Money | null;
  providerReference: string | null;
}

/** What an authorization asks for: the order, the amount and what is kept of the card. */
export interface AuthorizationRequest {
  orderId: string;
  amount: Money;
  card: CardSummary;
}

/**
 * A payment for an order: authorized or declined by the provider, then captured (once, at most the authorized
 * amount) or voided, then refunded in parts whose sum never exceeds the capture. A decline is an outcome, kept
 * with its reason. Commands that would change nothing record nothing.
 */
export class Payment extends AggregateRoot<PaymentId, PaymentEvent> {
  private constructor(
    id: PaymentId,
    version: number,
    private state: PaymentState,
    private readonly clock: Clock,
  ) {
    super(id, version);
  }

  /** The provider's decision on `request`, as a payment: AUTHORIZED (PaymentAuthorized) or DECLINED (PaymentDeclined). */
  static authorize(id: PaymentId, request: AuthorizationRequest, decision: ProviderDecision, clock: Clock): Payment {
    const approved = decision.outcome === 'approved';
    const payment = new Payment(
      id,
      0,
      {
        orderId: request.orderId,
        authorizedAmount: request.amount,
        status: approved ? 'AUTHORIZED' : 'DECLINED',
        declineReason: approved ? null : decision.reason,
        method: 'CARD',
        cardLast4: request.card.last4,
        cardType: request.card.type,
        maskedIban: null,
        paidOn: null,
        capturedAmount: null,
        refundedAmount: null,
        providerReference: decision.reference,
      },
      clock,
    );
    const card = { cardLast4: request.card.last4, cardType: request.card.type };
    const common = { orderId: request.orderId, amount: request.amount, ...card };
    payment.recordEvent(
      approved
        ? { type: 'PaymentAuthorized', ...common }
        : { type: 'PaymentDeclined', ...common, reason: decision.reason },
      clock.now(),
    );
    return payment;
  }

  static reconstitute(id: PaymentId, version: number, state: PaymentState, clock: Clock): Payment {
    return new Payment(id, version, state, clock);
  }

  get snapshot(): Readonly<PaymentState> {
    return this.state;
  }

  /** capture (from AUTHORIZED) → CAPTURED, once, at most the authorized amount: records PaymentCaptured. */
  capture(change: { amount: Money }): void {
    if (!(['AUTHORIZED'] as (string | null)[]).includes(this.state.status))
      throw new PaymentInvalidState(this.id.value, String(this.state.status), 'capture');
    const amount = captureWithinAuthorization(this.id.value, this.state.authorizedAmount, change.amount);
    const next: PaymentState = { ...this.state, status: 'CAPTURED', capturedAmount: amount };
    this.state = next;
    this.recordEvent({ type: 'PaymentCaptured', status: next.status, amount }, this.clock.now());
  }

  /** void (from AUTHORIZED) → VOIDED: records PaymentVoided when it changes the state. */
  void(): void {
    if (!(['AUTHORIZED'] as (string | null)[]).includes(this.state.status))
      throw new PaymentInvalidState(this.id.value, String(this.state.status), 'void');
    const next: PaymentState = { ...this.state, status: 'VOIDED' };
    if (next.status === this.state.status) return;
    this.state = next;
    this.recordEvent({ type: 'PaymentVoided', status: next.status }, this.clock.now());
  }

  /**
   * refund (from CAPTURED, PARTIALLY_REFUNDED): a part or the rest of the capture → PARTIALLY_REFUNDED, or REFUNDED
   * once the refunds reach it; records PaymentRefunded every time (two refunds of 10 are two refunds).
   */
  refund(change: { amount: Money }): void {
    if (!(['CAPTURED', 'PARTIALLY_REFUNDED'] as (string | null)[]).includes(this.state.status))
      throw new PaymentInvalidState(this.id.value, String(this.state.status), 'refund');
    const captured = this.state.capturedAmount ?? this.state.authorizedAmount;
    const refunded = this.state.refundedAmount ?? Money.zero(captured.currency);
    const total = refundsWithinCapture(this.id.value, captured, refunded, change.amount);
    const next: PaymentState = {
      ...this.state,
      status: total.equals(captured) ? 'REFUNDED' : 'PARTIALLY_REFUNDED',
      refundedAmount: total,
    };
    this.state = next;
    this.recordEvent({ type: 'PaymentRefunded', status: next.status, amount: change.amount }, this.clock.now());
  }

  /** A payment the legacy system holds, as it holds it (any method, any status): records PaymentSyncedFromLegacy. */
  static fromLegacy(id: PaymentId, record: LegacyPaymentRecord, clock: Clock): Payment {
    const state = { cardLast4: null, cardType: null, providerReference: null, ...legacyPaymentState(record) };
    const payment = new Payment(id, 0, state, clock);
    payment.recordEvent({ type: 'PaymentSyncedFromLegacy', ...record }, clock.now());
    return payment;
  }

  /**
   * The legacy row changed (legacy is the reference for its payments: any status may follow any other there):
   * records PaymentSyncedFromLegacy when it changes what the payment holds, nothing otherwise.
   */
  syncFromLegacy(record: LegacyPaymentRecord): void {
    const next: PaymentState = { ...this.state, ...legacyPaymentState(record) };
    const same = (a: Money | null, b: Money | null) => (a === null ? b === null : b !== null && a.equals(b));
    if (
      next.orderId === this.state.orderId &&
      same(next.authorizedAmount, this.state.authorizedAmount) &&
      next.status === this.state.status &&
      next.method === this.state.method &&
      next.maskedIban === this.state.maskedIban &&
      next.paidOn === this.state.paidOn
    )
      return;
    this.state = next;
    this.recordEvent({ type: 'PaymentSyncedFromLegacy', ...record }, this.clock.now());
  }
}
