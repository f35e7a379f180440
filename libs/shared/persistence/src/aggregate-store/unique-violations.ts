import { AnyAggregate } from '@bascule/shared/application';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { DatabaseError } from 'pg';
import { AggregateTable, StoredRow } from './aggregate-table';

const UNIQUE_VIOLATION = '23505';
/** PostgreSQL's detail of a unique violation: `Key (handle)=(ada) already exists.`, `Key (a, b)=(1, x) …`. */
const KEY_DETAIL = /^Key \((.+)\)=\((.*)\) already exists\.$/s;

/** A store's error that names the aggregate whose row PostgreSQL refused (in a unit of work: among all its saves). */
export type AggregateStoreError = Error & { readonly aggregate: string; readonly aggregateId: string };

export function isAggregateStoreError(error: unknown): error is AggregateStoreError {
  return error instanceof Error && typeof (error as Partial<AggregateStoreError>).aggregateId === 'string';
}

/** Marks `error` as caused by the aggregate `aggregateId` of `table`, keeping its class (transports map it). */
export function namingAggregate(error: Error, aggregate: string, aggregateId: string): AggregateStoreError {
  return Object.assign(error, { aggregate, aggregateId });
}

/** A row a save wrote (the root's, or a child's), and the aggregate it belongs to. */
export interface WrittenRow {
  aggregateId: string;
  row: object;
}

/**
 * A unique violation (23505) is the context's refusal for its constraint, or else a lost race on the id; either
 * names the aggregate whose written row holds the refused key. The key's values (possibly personal data) are only
 * compared here, never copied into the error.
 */
export function translateUniqueViolation<A extends AnyAggregate, W extends StoredRow, R extends W>(
  error: unknown,
  table: AggregateTable<A, W, R>,
  written: readonly WrittenRow[],
): unknown {
  if (!(error instanceof DatabaseError) || error.code !== UNIQUE_VIOLATION) return error;
  const aggregateId = rowOfKey(error.detail, written)?.aggregateId ?? written[0]?.aggregateId ?? '';
  const refusal = error.constraint ? table.uniqueViolations?.[error.constraint] : undefined;
  return namingAggregate(
    refusal ? refusal() : new ConcurrencyError(table.name, aggregateId, 0, -1),
    table.name,
    aggregateId,
  );
}

/**
 * The written row whose columns hold the key in PostgreSQL's detail. Undefined when the detail is absent (a role
 * without SELECT on the columns) or names an expression index: the caller falls back to the first row.
 */
export function rowOfKey(detail: string | undefined, written: readonly WrittenRow[]): WrittenRow | undefined {
  const match = detail ? KEY_DETAIL.exec(detail) : null;
  if (!match) return undefined;
  const [, columnList, values] = match;
  const columns = columnList.split(', ');
  return written.find(({ row }) => {
    const texts = columns.map((column) =>
      column in row ? textOf((row as Record<string, unknown>)[column]) : undefined,
    );
    return texts.every((text) => text !== undefined) && texts.join(', ') === values;
  });
}

/** A value as PostgreSQL prints it in a key detail (text, numbers, uuids, booleans). */
function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}
