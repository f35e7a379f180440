import { NotFoundError, DomainError } from '@bascule/shared/ddd';

export class OrderNotFound extends NotFoundError {
  readonly code = 'ORDER.NOT_FOUND';

  constructor(id: string) {
    super(`order ${id} does not exist`, { id });
  }
}

/** One order line added with the id of one the order holds, with other values. Transports map it to 409 / FAILED_PRECONDITION. */
export class OrderLineIdTaken extends DomainError {
  readonly code = 'ORDER.ORDER_LINE_ID_TAKEN';

  constructor(id: string, orderLineId: string) {
    super(`order ${id} holds order line ${orderLineId} with other values`, { id, orderLineId });
  }
}

/** A command refused by the state the aggregate is in. Transports map it to 409 / FAILED_PRECONDITION. */
export class OrderInvalidState extends DomainError {
  readonly code = 'ORDER.INVALID_STATE';

  constructor(id: string, state: string, command: string) {
    super(`order ${id} is ${state}: ${command} is refused`, { id, state, command });
  }
}
