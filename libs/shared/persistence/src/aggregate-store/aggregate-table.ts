import { AnyAggregate } from '@bascule/shared/application';
import { SqlRows } from '../transactions';
import { ChildTable, LoadedChildren } from './child-table';
import { IntegrationEvent } from './integration-event';

export type EventOf<A extends AnyAggregate> = A['pendingEvents'][number];

/** The columns a store writes; `id` and `version` are the ones it reads itself. */
export interface StoredRow {
  id: string;
  version: number;
}

/**
 * How a context stores one aggregate: its table, the row ↔ aggregate mapping, its events in the published
 * language, and its unique rules. `R` is a row as `SELECT *` returns it (the written columns and the
 * table's own, such as timestamps).
 */
export interface AggregateTable<A extends AnyAggregate, W extends StoredRow, R extends W = W> {
  /** The aggregate's name in errors (`client`). */
  name: string;
  table: string;
  /** Every written column with its SQL type (the element type of the multi-row statements' arrays). */
  columns: { readonly [K in keyof W]: string };
  toRow(aggregate: A): W;
  /** The aggregate from its row and, when it has `children`, their rows (`children.of(linesTable)`). */
  toAggregate(row: R, children: LoadedChildren): A;
  /** The aggregate's child collections (an order's lines), loaded and saved with it (ADR 0025). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each child table has its own row type
  children?: readonly ChildTable<A, any>[];
  integrationEventOf(event: EventOf<A>): IntegrationEvent;
  /**
   * Unique constraint (of the root's table or a child table) → the context's refusal; any other unique
   * violation is a lost race (ConcurrencyError).
   */
  uniqueViolations?: Readonly<Record<string, () => Error>>;
  /** A column set to now() by every update. */
  updatedAtColumn?: string;
  /** Runs in the saving transaction after the rows and the outbox (the client's erasure scrub). */
  afterSave?(tx: SqlRows, aggregateId: string, events: readonly EventOf<A>[]): Promise<void>;
}
