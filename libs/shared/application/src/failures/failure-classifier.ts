import { ConcurrencyError, RetryLaterError } from '@bascule/shared/ddd';

/**
 * `transient`: the same work will succeed later (the database restarting, a connection reset, a lost
 * serialization race); it is retried with backoff for as long as it takes, never dead-lettered.
 * `poison`: the message itself is at fault (unparseable, breaks its contract, refused by the domain) or
 * the failure is not known to be transient; it is retried a bounded number of times, then set aside.
 */
export type FailureKind = 'transient' | 'poison';

export interface FailureClass {
  kind: FailureKind;
  /** Short and stable (an SQLSTATE, a Node error code, `concurrency`): a metric label and a log field. */
  reason: string;
}

/** SQLSTATE classes and codes that say "try again": connection exceptions, admin shutdown, lost races. */
const TRANSIENT_SQLSTATE_CLASSES = ['08', '53', '57P'];
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout under load)
  '25P03', // idle_in_transaction_session_timeout
]);
/**
 * In a transient class but the statement's own fault, so the same work fails every time: a bind message
 * PostgreSQL cannot take, such as one of more than 65,535 parameters, is a protocol violation (class 08).
 */
const POISON_SQLSTATES = new Set([
  '08P01', // protocol_violation
]);
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED',
]);
/**
 * gRPC status codes (grpc-js sets them as a number in `code`, beside `details` and `metadata`) that say "the
 * callee could not answer now": UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED.
 */
const TRANSIENT_GRPC_STATUSES = new Map([
  [14, 'grpc:UNAVAILABLE'],
  [4, 'grpc:DEADLINE_EXCEEDED'],
  [8, 'grpc:RESOURCE_EXHAUSTED'],
]);
/** grpc-js answers RESOURCE_EXHAUSTED for a message over the size limit too: that fails every time, a retry cannot help. */
const MESSAGE_TOO_LARGE = /larger than max/i;
/** A call that got no answer (shared/calls CallError): breaker open, deadline passed, callee or token unavailable. */
const TRANSIENT_CALL_CODES = new Set([
  'CALL.CIRCUIT_OPEN',
  'CALL.DEADLINE_EXCEEDED',
  'CALL.UPSTREAM_UNAVAILABLE',
  'CALL.TOKEN_UNAVAILABLE',
]);
/**
 * Not transient, but never to be set aside either: the work waits (retried with backoff, nothing acknowledged)
 * while the component stops and an operator acts. A change from a restored legacy database (ADR 0035).
 */
const HELD_CODES = new Set(['LEGACY.SOURCE_RESTORED']);
/** node-postgres reports a lost or refused connection with a message, not a code. */
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /terminating connection/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /query read timeout/i,
  /is not currently accepting connections/i, // 55000 while ALLOW_CONNECTIONS is false
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /server closed the connection unexpectedly/i,
  /Cannot use a pool after calling end/i,
];

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  retriable?: unknown;
  cause?: unknown;
  driverError?: unknown;
  originalError?: unknown;
  details?: unknown;
}

/** The one place that decides whether a failure is worth waiting out (see docs/adr/0014). */
export function classifyFailure(error: unknown): FailureClass {
  for (const e of causes(error)) {
    if (e instanceof ConcurrencyError) return { kind: 'transient', reason: 'concurrency' };
    if (e instanceof RetryLaterError) return { kind: 'transient', reason: e.code };
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code && POISON_SQLSTATES.has(code)) return { kind: 'poison', reason: code };
    if (
      code &&
      /^[0-9A-Z]{5}$/.test(code) &&
      (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_SQLSTATE_CLASSES.some((c) => code.startsWith(c)))
    )
      return { kind: 'transient', reason: code };
    if (code && TRANSIENT_NODE_CODES.has(code)) return { kind: 'transient', reason: code };
    if (code && TRANSIENT_CALL_CODES.has(code)) return { kind: 'transient', reason: code };
    if (code && HELD_CODES.has(code)) return { kind: 'transient', reason: code };
    const grpcStatus = typeof e.code === 'number' && 'details' in e ? TRANSIENT_GRPC_STATUSES.get(e.code) : undefined;
    if (grpcStatus && !MESSAGE_TOO_LARGE.test(String(e.details))) return { kind: 'transient', reason: grpcStatus };
    const message = typeof e.message === 'string' ? e.message : '';
    if (TRANSIENT_MESSAGES.some((pattern) => pattern.test(message)))
      return { kind: 'transient', reason: code ?? 'connection' };
    // kafkajs marks what a retry can fix (leader moved, broker unreachable); the dead-letter publish can hit these.
    if (
      typeof e.name === 'string' &&
      e.name.startsWith('KafkaJS') &&
      (e.retriable === true || /Connection|Timeout|NumberOfRetriesExceeded|disconnected/i.test(`${e.name} ${message}`))
    )
      return { kind: 'transient', reason: 'kafka' };
  }
  return { kind: 'poison', reason: 'error' };
}

export const isTransient = (error: unknown): boolean => classifyFailure(error).kind === 'transient';

/** Races PostgreSQL ended by failing one side: the same work alone, or in another order, goes through. */
const LOST_RACE_SQLSTATES = new Set(['40P01', '40001']);

/**
 * Whether a transaction lost a race: a stale version (`ConcurrencyError`), a deadlock or a serialization failure.
 * Transient, but a batch of several messages redone as it was may lose it again to the batches it races (each
 * locking rows in its own order): the consumer engine redoes such a batch one message per transaction.
 */
export function isLostRace(error: unknown): boolean {
  return causes(error).some(
    (e) => e instanceof ConcurrencyError || (typeof e.code === 'string' && LOST_RACE_SQLSTATES.has(e.code)),
  );
}

/** The error and what it wraps (TypeORM's `driverError`, `cause` chains, AggregateError members). */
function causes(error: unknown, depth = 0): ErrorLike[] {
  if (error === null || typeof error !== 'object' || depth > 5) return [];
  const e = error as ErrorLike;
  const nested = [e.cause, e.driverError, e.originalError, ...(error instanceof AggregateError ? error.errors : [])];
  return [e, ...nested.flatMap((n) => causes(n, depth + 1))];
}
