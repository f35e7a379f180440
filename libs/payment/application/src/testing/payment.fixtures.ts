import { Payment, PaymentId, PaymentStatus } from '@bascule/payment/domain';
import { Clock, FixedClock, Money } from '@bascule/shared/ddd';

export const ORDER_ID = '5b0f5e4e-8c1d-4a3b-9e2f-000000000000';
export const eur = (amount: number) => Money.of(amount, 'EUR');

/**
 * A payment of 12.50 EUR brought to `status` by its own commands (authorized or declined, captured in full, refunded
 * 2.50 then the rest), so that specs start from states the domain can reach.
 */
export function aPayment(status: PaymentStatus = 'AUTHORIZED', clock: Clock = new FixedClock()): Payment {
  const request = { orderId: ORDER_ID, amount: eur(1250), card: { last4: 'k_ok', type: 'card' } };
  const decision =
    status === 'DECLINED'
      ? ({ outcome: 'declined', reason: 'insufficient_funds', reference: 'sim_1' } as const)
      : ({ outcome: 'approved', reference: 'sim_1' } as const);
  const payment = Payment.authorize(PaymentId.generate(), request, decision, clock);
  if (status === 'VOIDED') payment.void();
  if (['CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(status)) payment.capture({ amount: eur(1250) });
  if (status === 'PARTIALLY_REFUNDED') payment.refund({ amount: eur(250) });
  if (status === 'REFUNDED') payment.refund({ amount: eur(1250) });
  return payment;
}
