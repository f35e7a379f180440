import { DomainError, NotFoundError, RetryLaterError, UnprocessableError } from '@bascule/shared/ddd';

export class OrderNotFound extends NotFoundError {
  readonly code = 'ORDER.NOT_FOUND';

  constructor(id: string) {
    super(`order ${id} does not exist`, { id });
  }
}

/** A command refused by the state the aggregate is in. Transports map it to 409 / FAILED_PRECONDITION. */
export class OrderInvalidState extends DomainError {
  readonly code = 'ORDER.INVALID_STATE';

  constructor(id: string, state: string, command: string) {
    super(`order ${id} is ${state}: ${command} is refused`, { id, state, command });
  }
}

/** The client is not known to orders, even after asking client-service: 422 naming clientId. */
export class OrderClientUnknown extends UnprocessableError {
  readonly code = 'ORDER.CLIENT_UNKNOWN';

  constructor(clientId: string) {
    super('clientId', `client ${clientId} is not known`, { clientId });
  }
}

/** A deactivated client does not order. */
export class OrderClientInactive extends DomainError {
  readonly code = 'ORDER.CLIENT_INACTIVE';

  constructor(clientId: string) {
    super(`client ${clientId} is not active`, { clientId });
  }
}

/** An erased client (GDPR) never orders again. */
export class OrderClientErased extends DomainError {
  readonly code = 'ORDER.CLIENT_ERASED';

  constructor(clientId: string) {
    super(`client ${clientId} is erased`, { clientId });
  }
}

/** A line's sku is not in the catalogue orders keeps of inventory's events: 422 naming the line. */
export class OrderSkuUnknown extends UnprocessableError {
  readonly code = 'ORDER.SKU_UNKNOWN';

  constructor(index: number, sku: string) {
    super(`lines/${index}/sku`, `sku ${sku} is not in the catalogue`, { sku });
  }
}

/** A line's catalogue price is in another currency than the order's: 422 naming the line. */
export class OrderPriceInAnotherCurrency extends UnprocessableError {
  readonly code = 'ORDER.CURRENCY_MISMATCH';

  constructor(index: number, priced: string, currency: string) {
    super(`lines/${index}/sku`, `the line is priced in ${priced}, the order in ${currency}`, { priced, currency });
  }
}

/** An order line id held with other values: a line is replaced by removing it first. */
export class OrderLineIdTaken extends DomainError {
  readonly code = 'ORDER.ORDER_LINE_ID_TAKEN';

  constructor(id: string, orderLineId: string) {
    super(`order ${id} has an order line ${orderLineId} with other values`, { id, orderLineId });
  }
}

/** Legacy rows of an order orders never took (its transaction was set aside, or it was never written): quarantined. */
export class OrderLegacyRowsWithoutOrder extends DomainError {
  readonly code = 'ORDER.LEGACY_ROWS_WITHOUT_ORDER';

  constructor(id: string) {
    super(`rows of order ${id}, never created here`, { id });
  }
}

/**
 * Orders takes no new order while `limit` placed orders wait for their saga (ADR 0069): 503 with Retry-After, gRPC
 * UNAVAILABLE. Taken anyway, it would wait behind the others and could be rejected by a step's timeout.
 */
export class OrderBacklogFull extends RetryLaterError {
  readonly code = 'ORDER.BACKLOG_FULL';

  constructor(pending: number, limit: number) {
    super(`${pending} orders are waiting for their saga (at most ${limit}): retry in a moment`, 2, { pending, limit });
  }
}
