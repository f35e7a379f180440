import { Money } from '@bascule/shared/ddd';
import { LegacyPaymentNegativeAmount } from '../payment.errors';
import type { PaymentMethod, PaymentState } from '../payment';

/** The statuses the legacy system gives a payment: authorized, captured, refunded (in full) or failed. */
export type LegacyPaymentStatus = 'AUTHORIZED' | 'CAPTURED' | 'REFUNDED' | 'DECLINED';

/** A payment as the legacy system holds it (the anti-corruption layer's translation of a `PAIEMENTS` row). */
export interface LegacyPaymentRecord {
  orderId: string;
  authorizedAmount: Money;
  status: LegacyPaymentStatus;
  method: PaymentMethod | null;
  maskedIban: string | null;
  paidOn: string | null;
}

/** The reason a legacy failed payment keeps: the legacy system records none. */
export const LEGACY_FAILURE = 'failed in the legacy system';

/**
 * The state a legacy payment stands for. Legacy holds one amount: captured in full once captured, refunded in full
 * once refunded. Any method is taken (legacy transfers and direct debits have no card). A negative amount has no
 * business reading: refused (the row is quarantined with this reason).
 */
export function legacyPaymentState(
  record: LegacyPaymentRecord,
): Omit<PaymentState, 'cardLast4' | 'cardType' | 'providerReference'> {
  const amount = record.authorizedAmount;
  if (amount.isNegative()) throw new LegacyPaymentNegativeAmount(amount);
  const captured = record.status === 'CAPTURED' || record.status === 'REFUNDED';
  return {
    orderId: record.orderId,
    authorizedAmount: amount,
    status: record.status,
    declineReason: record.status === 'DECLINED' ? LEGACY_FAILURE : null,
    method: record.method,
    maskedIban: record.maskedIban,
    paidOn: record.paidOn,
    capturedAmount: captured ? amount : null,
    refundedAmount: record.status === 'REFUNDED' ? amount : null,
  };
}
