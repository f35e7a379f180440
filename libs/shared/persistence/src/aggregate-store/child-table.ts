import { AnyAggregate } from '@bascule/shared/application';

/**
 * How a context stores one child collection of an aggregate (an order's lines): its table, keyed by the root's
 * id and the child's own key, and the rows of an aggregate's children. The children are written in the root's
 * transaction, under the root's version only (ADR 0025): a change to a child is a change of the aggregate, so it
 * records an event, moves the root's version, and a stale save is refused at the root's row before any child row.
 */
export interface ChildTable<A extends AnyAggregate, C extends object> {
  table: string;
  /** The column holding the root's id (a foreign key to the root's table, ON DELETE CASCADE). */
  parentColumn: keyof C & string;
  /** The columns that identify a child within its aggregate; with `parentColumn`, the table's primary key. */
  keyColumns: readonly (keyof C & string)[];
  /** Every column with its SQL type (the element type of the multi-row statements' arrays). */
  columns: { readonly [K in keyof C]: string };
  /** The order rows are read back in (default: the key); the mapper rebuilds the collection in it. */
  orderBy?: string;
  /** The rows of the aggregate's current children, each with the root's id in `parentColumn`. */
  rowsOf(aggregate: A): C[];
}

/** An aggregate's child rows as loaded, per child table, for `AggregateTable.toAggregate`. */
export interface LoadedChildren {
  of<C extends object>(child: ChildTable<never, C>): C[];
}

/** Child rows of many aggregates, grouped per child table and per root id. */
export class ChildRowsByAggregate {
  private readonly rows = new Map<string, Map<string, object[]>>();

  add(child: ChildTable<never, object>, rows: Record<string, unknown>[]): void {
    const byRoot = this.rows.get(child.table) ?? new Map<string, object[]>();
    this.rows.set(child.table, byRoot);
    for (const row of rows) {
      const root = String(row[child.parentColumn]);
      byRoot.set(root, [...(byRoot.get(root) ?? []), row]);
    }
  }

  of(aggregateId: string): LoadedChildren {
    return {
      of: <C extends object>(child: ChildTable<never, C>) =>
        (this.rows.get(child.table)?.get(aggregateId) ?? []) as C[],
    };
  }
}
