import { AnyAggregate } from '@bascule/shared/application';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { DatabaseError } from 'pg';
import { AggregateTable, StoredRow } from './aggregate-table';

const UNIQUE_VIOLATION = '23505';

/** A unique violation (23505) is the context's refusal for its constraint, or else a lost race on the id. */
export function translateUniqueViolation<A extends AnyAggregate, W extends StoredRow, R extends W>(
  error: unknown,
  table: AggregateTable<A, W, R>,
  aggregateId: string,
): unknown {
  if (!(error instanceof DatabaseError) || error.code !== UNIQUE_VIOLATION) return error;
  const refusal = error.constraint ? table.uniqueViolations?.[error.constraint] : undefined;
  return refusal ? refusal() : new ConcurrencyError(table.name, aggregateId, 0, -1);
}
