import { DomainError, NotFoundError } from '@bascule/shared/ddd';

export class StockReservationNotFound extends NotFoundError {
  readonly code = 'STOCK_RESERVATION.NOT_FOUND';

  constructor(id: string) {
    super(`stock reservation ${id} does not exist`, { id });
  }
}

/** A command refused by the state the aggregate is in. Transports map it to 409 / FAILED_PRECONDITION. */
export class StockReservationInvalidState extends DomainError {
  readonly code = 'STOCK_RESERVATION.INVALID_STATE';

  constructor(id: string, state: string, command: string) {
    super(`stock reservation ${id} is ${state}: ${command} is refused`, { id, state, command });
  }
}
