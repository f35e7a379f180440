import { DomainError, Money, NotFoundError } from '@bascule/shared/ddd';

export class PaymentNotFound extends NotFoundError {
  readonly code = 'PAYMENT.NOT_FOUND';

  constructor(id: string) {
    super(`payment ${id} does not exist`, { id });
  }
}

/** A command refused by the state the aggregate is in. Transports map it to 409 / FAILED_PRECONDITION. */
export class PaymentInvalidState extends DomainError {
  readonly code = 'PAYMENT.INVALID_STATE';

  constructor(id: string, state: string, command: string) {
    super(`payment ${id} is ${state}: ${command} is refused`, { id, state, command });
  }
}

/**
 * An order's payment exists (ADR 0057) for another amount than the one asked for now: the provider would refuse
 * the same idempotency key for another request, so the payment does too, rather than authorize a second time.
 */
export class OrderPaymentMismatch extends DomainError {
  readonly code = 'PAYMENT.ORDER_PAYMENT_MISMATCH';

  constructor(id: string, orderId: string, authorized: Money, asked: Money) {
    super(`payment ${id} of order ${orderId} is for ${authorized.toString()}, not ${asked.toString()}`, {
      id,
      orderId,
      authorized: authorized.toJSON(),
      asked: asked.toJSON(),
    });
  }
}

/** A capture above the authorized amount: the provider would refuse it, so the payment does too. */
export class PaymentCaptureExceedsAuthorization extends DomainError {
  readonly code = 'PAYMENT.CAPTURE_EXCEEDS_AUTHORIZATION';

  constructor(id: string, authorized: Money, amount: Money) {
    super(`payment ${id}: ${amount.toString()} is more than the ${authorized.toString()} authorized`, {
      id,
      authorized: authorized.toJSON(),
      amount: amount.toJSON(),
    });
  }
}

/** A refund that would take the refunds above what was captured. */
export class PaymentRefundExceedsCapture extends DomainError {
  readonly code = 'PAYMENT.REFUND_EXCEEDS_CAPTURE';

  constructor(id: string, captured: Money, refunded: Money, amount: Money) {
    super(
      `payment ${id}: refunding ${amount.toString()} after ${refunded.toString()} exceeds the ${captured.toString()} captured`,
      { id, captured: captured.toJSON(), refunded: refunded.toJSON(), amount: amount.toJSON() },
    );
  }
}

/** A legacy payment of a negative amount: no business reading takes it (the row is quarantined with this code). */
export class LegacyPaymentNegativeAmount extends DomainError {
  readonly code = 'PAYMENT.LEGACY_NEGATIVE_AMOUNT';

  constructor(amount: Money) {
    super(`a legacy payment of ${amount.toString()}: a negative amount`, { field: 'authorizedAmount' });
  }
}
