import { PaymentRepository } from '@bascule/payment/application';
import { Payment, PaymentId, PaymentStatus } from '@bascule/payment/domain';
import { FixedClock, Money } from '@bascule/shared/ddd';

const eur = (amount: number) => Money.of(amount, 'EUR');

/**
 * The order's payment of 12.50 EUR brought to `status` by its own commands (captured 10.00, refunded 2.50 then the
 * rest), as loaded at version 2.
 */
export function orderPayment(orderId: string, status: PaymentStatus): Payment {
  const clock = new FixedClock();
  const request = { orderId, amount: eur(1250), card: { last4: '4242', type: 'card' } };
  const decision =
    status === 'DECLINED'
      ? ({ outcome: 'declined', reason: 'insufficient_funds', reference: 'sim_1' } as const)
      : ({ outcome: 'approved', reference: 'sim_1' } as const);
  const payment = Payment.authorize(PaymentId.forOrder(orderId), request, decision, clock);
  if (status === 'VOIDED') payment.void();
  if (['CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(status)) payment.capture({ amount: eur(1000) });
  if (status === 'PARTIALLY_REFUNDED') payment.refund({ amount: eur(250) });
  if (status === 'REFUNDED') payment.refund({ amount: eur(1000) });
  return Payment.reconstitute(payment.id, 2, payment.snapshot, clock);
}

/** A repository holding `payment` (or nothing) for the participants to find. */
export const repositoryOf = (payment?: Payment): PaymentRepository =>
  ({ findById: async (id: string) => (payment?.id.value === id ? payment : undefined) }) as PaymentRepository;

/** A use case a spec expects not to run: running it fails the spec. */
export const never = () => Promise.reject(new Error('the use case ran'));
