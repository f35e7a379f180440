import { FixedClock, Money } from '@bascule/shared/ddd';
import { Payment, PaymentState } from './payment';
import { PaymentId } from './payment-id';

describe('Payment', () => {
  const state: PaymentState = {
    orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
    authorizedAmount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    status: 'AUTHORIZED',
    declineReason: 'First declineReason',
    cardLast4: 'First cardLast4',
    cardType: 'First cardType',
    capturedAmount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    refundedAmount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    providerReference: 'First providerReference',
  };

  it('is created at version 1 with a PaymentCreated event carrying its state', () => {
    const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
    const payment = Payment.create(PaymentId.generate(), state, clock);
    expect(payment.version).toBe(1);
    expect(payment.snapshot).toEqual(state);
    expect(payment.pendingEvents).toEqual([
      { type: 'PaymentCreated', aggregateId: payment.id.value, aggregateVersion: 1, occurredAt: clock.now(), ...state },
    ]);
  });
});
