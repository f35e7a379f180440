import { NotFoundError, DomainError } from '@bascule/shared/ddd';

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
