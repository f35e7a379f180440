import { DomainError, NotFoundError } from '@bascule/shared/ddd';

export class ClientNotFound extends NotFoundError {
  readonly code = 'CLIENT.NOT_FOUND';

  constructor(id: string) {
    super(`client ${id} does not exist`, { id });
  }
}

export class ClientAlreadyErased extends DomainError {
  readonly code = 'CLIENT.ALREADY_ERASED';

  constructor(id: string) {
    super(`client ${id} was erased; its data can no longer change`, { id });
  }
}

export class ClientEmailTaken extends DomainError {
  readonly code = 'CLIENT.EMAIL_TAKEN';

  // The message names the field, never the value: errors end up in logs and dead-letter headers (ADR 0007).
  constructor() {
    super('another client already uses this email', { field: 'email' });
  }
}
