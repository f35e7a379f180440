import { AggregateRoot, Clock, Money } from '@bascule/shared/ddd';
import { PaymentId } from './payment-id';
import { PaymentEvent } from './payment.events';
import { PaymentInvalidState } from './payment.errors';

export const PAYMENT_STATUS_VALUES = [
  'AUTHORIZED',
  'DECLINED',
  'CAPTURED',
  'VOIDED',
  'REFUNDED',
  'PARTIALLY_REFUNDED',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUS_VALUES)[number];

export interface PaymentState {
  orderId: string;
  authorizedAmount: Money;
  status: PaymentStatus;
  declineReason: string | null;
  cardLast4: string;
  cardType: string;
  capturedAmount: Money | null;
  refundedAmount: Money | null;
  providerReference: string | null;
}

/** The payment context's payment. Commands that would change nothing record nothing. */
export class Payment extends AggregateRoot<PaymentId, PaymentEvent> {
  private constructor(
    id: PaymentId,
    version: number,
    private state: PaymentState,
    private readonly clock: Clock,
  ) {
    super(id, version);
  }

  static create(id: PaymentId, state: PaymentState, clock: Clock): Payment {
    const payment = new Payment(id, 0, { ...state }, clock);
    payment.recordEvent({ type: 'PaymentCreated', ...state }, clock.now());
    return payment;
  }

  static reconstitute(id: PaymentId, version: number, state: PaymentState, clock: Clock): Payment {
    return new Payment(id, version, state, clock);
  }

  get snapshot(): Readonly<PaymentState> {
    return this.state;
  }

  /** capture (from AUTHORIZED) → CAPTURED: records PaymentCaptured when it changes the state. */
  capture(change: { amount: Money }): void {
    if (!(['AUTHORIZED'] as (string | null)[]).includes(this.state.status))
      throw new PaymentInvalidState(this.id.value, String(this.state.status), 'capture');
    const next: PaymentState = { ...this.state, status: 'CAPTURED' };
    if (next.status === this.state.status) return;
    this.state = next;
    this.recordEvent({ type: 'PaymentCaptured', status: next.status, amount: change.amount }, this.clock.now());
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

  /** refund (from CAPTURED, PARTIALLY_REFUNDED) → PARTIALLY_REFUNDED: records PaymentRefunded when it changes the state. */
  refund(change: { amount: Money }): void {
    if (!(['CAPTURED', 'PARTIALLY_REFUNDED'] as (string | null)[]).includes(this.state.status))
      throw new PaymentInvalidState(this.id.value, String(this.state.status), 'refund');
    const next: PaymentState = { ...this.state, status: 'PARTIALLY_REFUNDED' };
    if (next.status === this.state.status) return;
    this.state = next;
    this.recordEvent({ type: 'PaymentRefunded', status: next.status, amount: change.amount }, this.clock.now());
  }
}
