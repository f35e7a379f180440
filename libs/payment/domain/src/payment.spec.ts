import { FixedClock, Money } from '@bascule/shared/ddd';
import fc from 'fast-check';
import { Payment, PaymentStatus } from './payment';
import { PaymentId } from './payment-id';
import { cardSummary } from './rules/payment-method.rule';

const eur = (amount: number) => Money.of(amount, 'EUR');
const ORDER_ID = '5b0f5e4e-8c1d-4a3b-9e2f-000000000000';

describe('Payment', () => {
  const clock = new FixedClock();
  const authorized = (amount = 1250) =>
    Payment.authorize(
      PaymentId.generate(),
      { orderId: ORDER_ID, amount: eur(amount), card: cardSummary({ type: 'card', token: 'tok_ok_4242' }) },
      { outcome: 'approved', reference: 'sim_1' },
      clock,
    );
  const captured = (amount = 1250, capture = amount) => {
    const payment = authorized(amount);
    payment.capture({ amount: eur(capture) });
    return payment;
  };

  it('is AUTHORIZED at version 1 with PaymentAuthorized, keeping only the last four and the type of the card', () => {
    const payment = authorized();
    expect(payment.version).toBe(1);
    expect(payment.snapshot).toMatchObject({ status: 'AUTHORIZED', cardLast4: '4242', cardType: 'card' });
    expect(payment.pendingEvents).toEqual([
      expect.objectContaining({ type: 'PaymentAuthorized', orderId: ORDER_ID, amount: eur(1250), cardLast4: '4242' }),
    ]);
    expect(JSON.stringify(payment.snapshot)).not.toContain('tok_');
  });

  it('is DECLINED with its reason and PaymentDeclined when the provider declines', () => {
    const payment = Payment.authorize(
      PaymentId.generate(),
      { orderId: ORDER_ID, amount: eur(1250), card: { last4: 'ined', type: 'card' } },
      { outcome: 'declined', reason: 'insufficient_funds', reference: null },
      clock,
    );
    expect(payment.snapshot).toMatchObject({ status: 'DECLINED', declineReason: 'insufficient_funds' });
    expect(payment.pendingEvents).toEqual([
      expect.objectContaining({ type: 'PaymentDeclined', reason: 'insufficient_funds' }),
    ]);
    expect(() => payment.capture({ amount: eur(1) })).toThrow(
      expect.objectContaining({ code: 'PAYMENT.INVALID_STATE' }),
    );
  });

  it('captures at most the authorized amount, once', () => {
    expect(() => authorized(1000).capture({ amount: eur(1001) })).toThrow(
      expect.objectContaining({ code: 'PAYMENT.CAPTURE_EXCEEDS_AUTHORIZATION' }),
    );
    const payment = captured(1000, 600);
    expect(payment.snapshot).toMatchObject({ status: 'CAPTURED', capturedAmount: eur(600) });
    expect(() => payment.capture({ amount: eur(400) })).toThrow(
      expect.objectContaining({ code: 'PAYMENT.INVALID_STATE' }),
    );
    expect(() => authorized().capture({ amount: eur(0) })).toThrow(expect.objectContaining({ field: 'amount/amount' }));
    expect(() => authorized().capture({ amount: Money.of(100, 'USD') })).toThrow(
      expect.objectContaining({ field: 'amount/currency' }),
    );
  });

  it('voids before capture only', () => {
    const payment = authorized();
    payment.void();
    expect(payment.snapshot.status).toBe('VOIDED');
    expect(() => payment.capture({ amount: eur(1) })).toThrow(
      expect.objectContaining({ code: 'PAYMENT.INVALID_STATE' }),
    );
    expect(() => captured().void()).toThrow(expect.objectContaining({ code: 'PAYMENT.INVALID_STATE' }));
  });

  // Refunds against a capture of 10.00 EUR: each row, the refunds in order, then the state and total, or the code
  // of the refund refused (the ones before it stand).
  const refundCases: [number[], PaymentStatus, number | null, string | null][] = [
    [[1000], 'REFUNDED', 1000, null],
    [[400], 'PARTIALLY_REFUNDED', 400, null],
    [[400, 600], 'REFUNDED', 1000, null],
    [[300, 300, 300], 'PARTIALLY_REFUNDED', 900, null],
    [[300, 300, 300, 100], 'REFUNDED', 1000, null],
    [[1], 'PARTIALLY_REFUNDED', 1, null],
    [[999, 1], 'REFUNDED', 1000, null],
    [[1001], 'CAPTURED', null, 'PAYMENT.REFUND_EXCEEDS_CAPTURE'],
    [[600, 401], 'PARTIALLY_REFUNDED', 600, 'PAYMENT.REFUND_EXCEEDS_CAPTURE'],
    [[1000, 1], 'REFUNDED', 1000, 'PAYMENT.INVALID_STATE'],
    [[0], 'CAPTURED', null, 'VALUE.INVALID'],
    [[-5], 'CAPTURED', null, 'VALUE.INVALID'],
  ];
  it.each(refundCases)(
    'refunds %j of 10.00 EUR captured → %s, refunded %s (refused: %s)',
    (refunds, status, total, code) => {
      const payment = captured(1000);
      let refused: unknown = null;
      for (const amount of refunds) {
        try {
          payment.refund({ amount: eur(amount) });
        } catch (error) {
          refused = error;
          break;
        }
      }
      expect((refused as { code?: string } | null)?.code ?? null).toBe(code);
      expect(payment.snapshot.status).toBe(status);
      expect(payment.snapshot.refundedAmount).toEqual(total === null ? null : eur(total));
    },
  );

  it('never refunds more than was captured, whatever the refunds asked (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 20 }),
        (capture, asks) => {
          const payment = captured(capture);
          let accepted = 0;
          for (const ask of asks) {
            const before = payment.snapshot.refundedAmount?.minor ?? 0;
            try {
              payment.refund({ amount: eur(ask) });
              accepted += ask;
            } catch {
              // Refused: only when it would exceed the capture, or nothing is left to refund.
              expect(before + ask > capture || before === capture).toBe(true);
            }
          }
          const refunded = payment.snapshot.refundedAmount?.minor ?? 0;
          expect(refunded).toBe(accepted);
          expect(refunded).toBeLessThanOrEqual(capture);
          expect(payment.snapshot.status).toBe(
            refunded === 0 ? 'CAPTURED' : refunded === capture ? 'REFUNDED' : 'PARTIALLY_REFUNDED',
          );
        },
      ),
    );
  });
});
