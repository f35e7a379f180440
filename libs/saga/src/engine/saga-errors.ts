import { DomainError, NotFoundError } from '@bascule/shared/ddd';

export class SagaNotFoundError extends NotFoundError {
  readonly code = 'SAGA.NOT_FOUND';

  constructor(id: string) {
    super(`saga ${id} does not exist`, { id });
  }
}

/** An admin operation on a saga that is not waiting for one (only NEEDS_ATTENTION sagas are retried or compensated). */
export class SagaNotStuckError extends DomainError {
  readonly code = 'SAGA.NOT_NEEDING_ATTENTION';

  constructor(id: string, status: string) {
    super(`saga ${id} is ${status}, not NEEDS_ATTENTION`, { id, status });
  }
}

/** Compensation asked of a saga past its pivot, or already compensating (retry its compensation instead). */
export class SagaNotCompensatableError extends DomainError {
  readonly code = 'SAGA.NOT_COMPENSATABLE';

  constructor(id: string, why: string) {
    super(`saga ${id} cannot be compensated: ${why}`, { id });
  }
}
