import { NotFoundError, DomainError } from '@bascule/shared/ddd';

export class InvoiceNotFound extends NotFoundError {
  readonly code = 'INVOICE.NOT_FOUND';

  constructor(id: string) {
    super(`invoice ${id} does not exist`, { id });
  }
}

/** One invoice line added with the id of one the invoice holds, with other values. Transports map it to 409 / FAILED_PRECONDITION. */
export class InvoiceLineIdTaken extends DomainError {
  readonly code = 'INVOICE.INVOICE_LINE_ID_TAKEN';

  constructor(id: string, invoiceLineId: string) {
    super(`invoice ${id} holds invoice line ${invoiceLineId} with other values`, { id, invoiceLineId });
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
