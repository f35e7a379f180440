import { AnyAggregate } from '@bascule/shared/application';
import { ChildTable } from './child-table';

/** The statements of one child table, each taking one array per column (any number of aggregates, one round trip). */
export interface ChildSql {
  /** The children of the roots in $1. */
  select: string;
  /** Deletes the children of the roots in $1 whose key is not among the rows written ($2…: the key columns). */
  deleteMissing: string;
  /** Inserts the rows, updates those whose values changed, leaves the unchanged ones untouched. */
  upsert: string;
}

export function childSql<A extends AnyAggregate, C extends object>(
  child: ChildTable<A, C>,
  rootIdType: string,
): ChildSql {
  const columns = Object.keys(child.columns) as (keyof C & string)[];
  const key = [child.parentColumn, ...child.keyColumns];
  const values = columns.filter((column) => !key.includes(column));
  const arrays = (names: readonly (keyof C & string)[], from: number) =>
    names.map((column, i) => `$${i + from}::${child.columns[column]}[]`).join(', ');
  const onConflict =
    values.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${values.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
         WHERE (${values.map((column) => `c.${column}`).join(', ')}) IS DISTINCT FROM (${values
           .map((column) => `EXCLUDED.${column}`)
           .join(', ')})`;
  return {
    select: `SELECT * FROM ${child.table} WHERE ${child.parentColumn} = ANY($1::${rootIdType}[])
      ORDER BY ${child.parentColumn}, ${child.orderBy ?? child.keyColumns.join(', ')}`,
    deleteMissing: `DELETE FROM ${child.table} AS c WHERE c.${child.parentColumn} = ANY($1::${rootIdType}[])
      AND NOT EXISTS (SELECT 1 FROM unnest(${arrays(key, 2)}) AS k(${key.join(', ')})
                       WHERE ${key.map((column) => `k.${column} = c.${column}`).join(' AND ')})`,
    upsert: `INSERT INTO ${child.table} AS c (${columns.join(', ')}) SELECT * FROM unnest(${arrays(columns, 1)})
      ON CONFLICT (${key.join(', ')}) ${onConflict}`,
  };
}

/** Rows → one array per listed column. */
export function childArrays<C extends object>(columns: readonly (keyof C)[], rows: C[]): unknown[][] {
  return columns.map((column) => rows.map((row) => row[column]));
}
