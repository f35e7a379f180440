import { NotFoundError, DomainError } from '@bascule/shared/ddd';

export class StockReservationNotFound extends NotFoundError {
  readonly code = 'STOCK_RESERVATION.NOT_FOUND';

  constructor(id: string) {
    super(`stock reservation ${id} does not exist`, { id });
  }
}

/** One stock reservation line added with the id of one the stock reservation holds, with other values. Transports map it to 409 / FAILED_PRECONDITION. */
export class StockReservationLineIdTaken extends DomainError {
  readonly code = 'STOCK_RESERVATION.STOCK_RESERVATION_LINE_ID_TAKEN';

  constructor(id: string, stockReservationLineId: string) {
    super(`stock reservation ${id} holds stock reservation line ${stockReservationLineId} with other values`, {
      id,
      stockReservationLineId,
    });
  }
}

/** A command refused by the state the aggregate is in. Transports map it to 409 / FAILED_PRECONDITION. */
export class StockReservationInvalidState extends DomainError {
  readonly code = 'STOCK_RESERVATION.INVALID_STATE';

  constructor(id: string, state: string, command: string) {
    super(`stock reservation ${id} is ${state}: ${command} is refused`, { id, state, command });
  }
}
