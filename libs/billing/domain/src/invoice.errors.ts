import { DomainError, NotFoundError, UnprocessableError } from '@bascule/shared/ddd';

export class InvoiceNotFound extends NotFoundError {
  readonly code = 'INVOICE.NOT_FOUND';

  constructor(id: string) {
    super(`invoice ${id} does not exist`, { id });
  }
}

/** One credit note added with the id of one the invoice holds, with other values. Transports map it to 409 / FAILED_PRECONDITION. */
export class InvoiceCreditNoteIdTaken extends DomainError {
  readonly code = 'INVOICE.CREDIT_NOTE_ID_TAKEN';

  constructor(id: string, creditNoteId: string) {
    super(`invoice ${id} holds credit note ${creditNoteId} with other values`, { id, creditNoteId });
  }
}

/** A command refused by the state the aggregate is in. Transports map it to 409 / FAILED_PRECONDITION. */
export class InvoiceInvalidState extends DomainError {
  readonly code = 'INVOICE.INVALID_STATE';

  constructor(id: string, state: string, command: string) {
    super(`invoice ${id} is ${state}: ${command} is refused`, { id, state, command });
  }
}

/** An order billing has not learned of from orders' events. 422 naming `orderId`. */
export class InvoiceOrderUnknown extends UnprocessableError {
  readonly code = 'INVOICE.ORDER_UNKNOWN';

  constructor(orderId: string) {
    super('orderId', `order ${orderId} is not known to billing`, { orderId });
  }
}

/** Only a confirmed order (or one shipped since) is invoiced. 409 / FAILED_PRECONDITION. */
export class InvoiceOrderNotConfirmed extends DomainError {
  readonly code = 'INVOICE.ORDER_NOT_CONFIRMED';

  constructor(orderId: string, status: string) {
    super(`order ${orderId} is ${status}: only a confirmed order is invoiced`, { orderId, status });
  }
}

/** One invoice per order (a unique index): a second is refused. 409. */
export class InvoiceOrderInvoiced extends DomainError {
  readonly code = 'INVOICE.ORDER_ALREADY_INVOICED';

  constructor() {
    super('this order has an invoice already; correct it with a credit note');
  }
}

/** A credit note above what its invoice has left to credit. 422 naming `amount`. */
export class InvoiceCreditExceedsRemaining extends UnprocessableError {
  readonly code = 'INVOICE.CREDIT_EXCEEDS_REMAINING';

  constructor(id: string, remaining: string) {
    super('amount', `invoice ${id} has ${remaining} left to credit`, { id, remaining });
  }
}

/** A credit note of zero or less, or in another currency than its invoice. 422 naming `amount`. */
export class InvoiceCreditAmountInvalid extends UnprocessableError {
  readonly code = 'INVOICE.CREDIT_AMOUNT_INVALID';

  constructor(id: string, why: string) {
    super('amount', `a credit note of invoice ${id} ${why}`, { id });
  }
}

/** An issued invoice's values changed (its legacy row rewritten): an invoice is corrected by credit notes only. 409. */
export class InvoiceIssuedImmutable extends DomainError {
  readonly code = 'INVOICE.ISSUED_IMMUTABLE';

  constructor(id: string) {
    super(`invoice ${id} is issued: its values never change (a credit note corrects it)`, { id });
  }
}
