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

  constructor(email: string) {
    super(`another client already uses ${email}`, { email });
  }
}
