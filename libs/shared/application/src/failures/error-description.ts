import { DomainError, InvalidValueError } from '@bascule/shared/ddd';

// Imported by messaging and the consumers as `@bascule/shared/observability/errors`: this file alone, without
// the rest of observability (Nest modules, OpenTelemetry), which they do not need.

/**
 * Errors whose message is composed by our code from codes, field names and positions only (never a value)
 * say so with `safeMessage = true`: their message is their description (a contract violation naming the
 * offending field, "not JSON at position 12"). Any other message may quote a value and is never used.
 */
export interface SafeMessageError extends Error {
  readonly safeMessage: true;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  severity?: unknown;
  safeMessage?: unknown;
  cause?: unknown;
  driverError?: unknown;
  originalError?: unknown;
}

/** What PostgreSQL names in an error without quoting data: the object, never the row (`detail`, `where`, `hint`, `message`). */
const POSTGRES_NAMES = ['constraint', 'table', 'column', 'schema', 'dataType'] as const;
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** A code worth keeping (`ECONNREFUSED`, `ERR_INVALID_ARG_TYPE`): short, no spaces, nothing quoted. */
const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const NAME = /^[A-Za-z0-9_.$-]{1,64}$/;

/**
 * Any error as a description that holds no personal data, for logs, `dlq_error` headers and traces:
 * - a domain refusal: its stable code and the field it names (`CLIENT.EMAIL_TAKEN (field email)`);
 * - a PostgreSQL error (or one that wraps it, as TypeORM's QueryFailedError does): its SQLSTATE and the
 *   names of the constraint, table, column it concerns (`PostgreSQL 23505 (constraint clients_email_key,
 *   table clients)`), never its message or detail (`invalid input syntax for type uuid: "…"`,
 *   `Key (email)=(…) already exists`);
 * - a JSON parse error: where, never what (`SyntaxError: not JSON at position 12`);
 * - an error whose message is declared safe (`safeMessage`): its message;
 * - anything else: its name and code (`Error`, `TypeError (ERR_INVALID_ARG_TYPE)`).
 */
export function describeError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return `thrown ${typeof error}`;
  const chain = causes(error);
  const domain = chain.find((e): e is DomainError => e instanceof DomainError);
  if (domain) return describeDomainError(domain);
  const postgres = chain.find(isPostgresError);
  if (postgres) return describePostgresError(postgres);
  const e = error as ErrorLike;
  if (e.safeMessage === true && typeof e.message === 'string') return e.message;
  const name = errorName(error);
  if (name === 'SyntaxError' && typeof e.message === 'string' && /JSON/.test(e.message))
    return `SyntaxError: not JSON${/ at position \d+/.exec(e.message)?.[0] ?? ''}`;
  const code = errorCode(error);
  return code ? `${name} (${code})` : name;
}

function describeDomainError(error: DomainError): string {
  const field = error instanceof InvalidValueError ? error.field : error.details['field'];
  return typeof field === 'string' && NAME.test(field) ? `${error.code} (field ${field})` : error.code;
}

function describePostgresError(error: ErrorLike): string {
  const record = error as Record<string, unknown>;
  const names = POSTGRES_NAMES.filter((key) => typeof record[key] === 'string' && NAME.test(record[key] as string)).map(
    (key) => `${key === 'dataType' ? 'type' : key} ${record[key]}`,
  );
  return `PostgreSQL ${error.code}${names.length ? ` (${names.join(', ')})` : ''}`;
}

/** node-postgres's DatabaseError (and wrappers copying its fields): an SQLSTATE and a severity. */
function isPostgresError(error: ErrorLike): boolean {
  return typeof error.code === 'string' && SQLSTATE.test(error.code) && typeof error.severity === 'string';
}

/** Its `name` when it is a class-like name; else its class (node-postgres names its errors `error`). */
export function errorName(error: object): string {
  const name = (error as ErrorLike).name;
  if (typeof name === 'string' && /^[A-Z]/.test(name) && NAME.test(name)) return name;
  const constructor = error.constructor?.name;
  return constructor && constructor !== 'Object' && NAME.test(constructor) ? constructor : 'Error';
}

/** The error and what it wraps (TypeORM's `driverError`, `cause` chains). */
function causes(error: unknown, depth = 0): ErrorLike[] {
  if (error === null || typeof error !== 'object' || depth > 5) return [];
  const e = error as ErrorLike;
  return [e, ...[e.cause, e.driverError, e.originalError].flatMap((nested) => causes(nested, depth + 1))];
}

/** Its `code` when it is one (`ECONNREFUSED`, `23505`, `CLIENT.EMAIL_TAKEN`), not a sentence. */
export function errorCode(error: object): string | undefined {
  const code = (error as ErrorLike).code;
  return typeof code === 'string' && CODE.test(code) ? code : undefined;
}
