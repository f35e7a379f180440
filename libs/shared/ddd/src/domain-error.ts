/**
 * A refusal by the domain. `code` is stable and public (`CLIENT.ALREADY_ERASED`): transports map it once
 * at the edge (HTTP status, gRPC status, failure reply) and clients may branch on it.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist. Transports map it to 404 / NOT_FOUND. */
export abstract class NotFoundError extends DomainError {}

/** The aggregate changed since the caller read it. Transports map it to 412 / ABORTED. */
export class ConcurrencyError extends DomainError {
  readonly code = 'CONCURRENCY.VERSION_MISMATCH';

  constructor(aggregate: string, id: string, expected: number, actual: number) {
    super(`${aggregate} ${id} is at version ${actual}, not ${expected}`, { expected, actual });
  }
}

/** A value broke an invariant of a value object (an email that is not one, a negative amount). */
export class InvalidValueError extends DomainError {
  readonly code = 'VALUE.INVALID';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message, { field });
  }
}

/**
 * A well-formed request the domain cannot act on because of what it refers to (a client or a sku it does not
 * know): 422 over REST naming `field` (a JSON pointer without `#/`, `lines/2/sku`), FAILED_PRECONDITION over gRPC.
 */
export abstract class UnprocessableError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message, { ...details, field });
  }
}

/**
 * Not now: the service is at a limit it keeps (a backlog full) and takes no more of this work for a moment; the same
 * request later goes through. 503 with `Retry-After` over REST, UNAVAILABLE over gRPC, a transient failure for the
 * failure classifier. A refusal of load, never of the request itself.
 */
export abstract class RetryLaterError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message, { ...details, retryAfterSeconds });
  }
}
