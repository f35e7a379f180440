import { AnyAggregate } from '@bascule/shared/application';
import { AggregateTable, StoredRow } from './aggregate-table';

/** The statements of a store, each taking one array per column so that one statement writes any number of rows. */
export interface AggregateSql {
  selectOne: string;
  selectMany: string;
  insertMany: string;
  /** Returns the ids it updated: a row whose stored version is not the expected one is left out. */
  updateMany: string;
}

export function aggregateSql<A extends AnyAggregate, W extends StoredRow>(table: AggregateTable<A, W>): AggregateSql {
  const columns = Object.keys(table.columns) as (keyof W & string)[];
  const arrays = columns.map((column, i) => `$${i + 1}::${table.columns[column]}[]`).join(', ');
  const assignments = columns
    .filter((column) => column !== 'id')
    .map((column) => `${column} = v.${column}`)
    .concat(table.updatedAtColumn ? [`${table.updatedAtColumn} = now()`] : []);
  const expected = `$${columns.length + 1}::integer[]`;
  return {
    selectOne: `SELECT * FROM ${table.table} WHERE id = $1`,
    selectMany: `SELECT * FROM ${table.table} WHERE id = ANY($1::${table.columns.id}[])`,
    insertMany: `INSERT INTO ${table.table} (${columns.join(', ')}) SELECT * FROM unnest(${arrays})`,
    // Optimistic concurrency: each row is updated only if it is still at the version it was loaded at.
    updateMany: `UPDATE ${table.table} AS t SET ${assignments.join(', ')}
      FROM unnest(${arrays}, ${expected}) AS v(${columns.join(', ')}, expected_version)
     WHERE t.id = v.id AND t.version = v.expected_version RETURNING t.id`,
  };
}

/** Rows → one array per column, in the statements' order. */
export function columnArrays<W extends StoredRow>(
  columns: { readonly [K in keyof W]: string },
  rows: W[],
): unknown[][] {
  return (Object.keys(columns) as (keyof W)[]).map((column) => rows.map((row) => row[column]));
}
