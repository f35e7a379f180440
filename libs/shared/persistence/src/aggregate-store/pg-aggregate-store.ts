import { AggregateRepository, AnyAggregate, CommandMetadata } from '@bascule/shared/application';
import { ConcurrencyError, TypedId } from '@bascule/shared/ddd';
import { Pool } from 'pg';
import { OutboxWriter } from '../outbox/outbox-writer';
import { executorOf, inTransaction, SqlRows } from '../transactions';
import { unitOfWorkOn } from '../unit-of-work';
import { aggregateSql, columnArrays } from './aggregate-sql';
import { AggregateTable, StoredRow } from './aggregate-table';
import { BatchedSaves, PendingSave } from './batched-saves';
import { childArrays, childSql, ChildSql } from './child-sql';
import { ChildRowsByAggregate, ChildTable } from './child-table';
import { envelopeOf } from './integration-event';
import { namingAggregate, translateUniqueViolation, WrittenRow } from './unique-violations';

/**
 * Stores aggregates as rows of their table (and their child collections as rows of theirs) and their events in
 * the outbox, in one transaction (joining the caller's): insert at version 0, update only at the version loaded
 * (optimistic, on the root's row: ADR 0025), unique violations translated into the context's errors. Inside a
 * unit of work (`inUnitOfWork`) the expected aggregates are loaded in one query (one more per child table) and
 * saves are written together before the commit. SQL on the pg pool (ADR 0010).
 */
export class PgAggregateStore<
  A extends AnyAggregate,
  W extends StoredRow,
  R extends W = W,
> implements AggregateRepository<A> {
  private readonly sql: ReturnType<typeof aggregateSql>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each child table has its own row type
  private readonly children: { table: ChildTable<A, any>; sql: ChildSql }[];

  constructor(
    private readonly pool: Pool,
    private readonly table: AggregateTable<A, W, R>,
    private readonly outbox: OutboxWriter,
  ) {
    this.sql = aggregateSql(table);
    this.children = (table.children ?? []).map((child) => ({ table: child, sql: childSql(child, table.columns.id) }));
  }

  async findById(id: string): Promise<A | undefined> {
    if (!this.isId(id)) return undefined;
    const batch = this.batch();
    if (batch) return (await this.findIn(batch, id.toLowerCase())) ?? undefined;
    if (this.children.length === 0) {
      const [row] = await executorOf(this.pool).query<R>(this.sql.selectOne, [id]);
      return row ? this.table.toAggregate(row, new ChildRowsByAggregate().of(row.id)) : undefined;
    }
    // The root and its children from one snapshot (unless the caller's transaction is already open).
    const [aggregate] = await inTransaction(this.pool, (tx) => this.load(tx, [id]), { readOnlySnapshot: true });
    return aggregate;
  }

  async save(aggregate: A, metadata: CommandMetadata): Promise<void> {
    const events = [...aggregate.pendingEvents];
    const save: PendingSave<A> = {
      aggregate,
      expectedVersion: aggregate.persistedVersion,
      events,
      envelopes: events.map((event) => envelopeOf(event, this.table.integrationEventOf(event), metadata)),
    };
    const batch = this.batch();
    if (batch) batch.add(save);
    else await inTransaction(this.pool, (tx) => this.write(tx, [save]));
    aggregate.clearPendingEvents();
  }

  private batch(): BatchedSaves<A> | undefined {
    return unitOfWorkOn(this.pool)?.participant(this.table.table, () => new BatchedSaves(this.table.name, this.write));
  }

  /** The first lookup in a unit loads every aggregate the unit expects, in one query; one it did not expect is loaded alone. */
  private async findIn(batch: BatchedSaves<A>, id: string): Promise<A | null> {
    const expected = batch.expecting ? [] : (unitOfWorkOn(this.pool)?.expectedIds ?? []).map((e) => e.toLowerCase());
    batch.expecting = true;
    const missing = [...new Set([id, ...expected])].filter((e) => !batch.loaded.has(e) && this.isId(e));
    if (missing.length > 0) {
      const aggregates = await this.load(executorOf(this.pool), missing);
      for (const e of missing) batch.loaded.set(e, null);
      for (const aggregate of aggregates) batch.loaded.set(aggregate.id.value.toLowerCase(), aggregate);
    }
    return batch.loaded.get(id) ?? null;
  }

  /** The aggregates of `ids` that exist: one query for the roots, one per child table for the roots found. */
  private async load(tx: SqlRows, ids: string[]): Promise<A[]> {
    const rows = await tx.query<R>(this.sql.selectMany, [ids]);
    const children = new ChildRowsByAggregate();
    if (rows.length > 0)
      for (const child of this.children)
        children.add(child.table, await tx.query(child.sql.select, [rows.map((row) => row.id)]));
    return rows.map((row) => this.table.toAggregate(row, children.of(String(row.id))));
  }

  private isId(id: string): boolean {
    return this.table.columns.id !== 'uuid' || TypedId.isUuid(id);
  }

  private readonly write = async (tx: SqlRows, saves: PendingSave<A>[]): Promise<void> => {
    const updates = saves.filter((save) => save.expectedVersion > 0);
    const inserts = saves.filter((save) => save.expectedVersion === 0);
    const [updated, inserted] = [updates.map(this.rowOf), inserts.map(this.rowOf)];
    const written: WrittenRow[] = [...updated, ...inserted].map((row) => ({ aggregateId: row.id, row }));
    try {
      // The roots first: a stale version is refused before any child row is touched, and the roots' rows stay
      // locked until the commit, so no other save of these aggregates can interleave with their children.
      if (updates.length > 0) await this.update(tx, updates, updated);
      if (inserts.length > 0) await tx.query(this.sql.insertMany, columnArrays(this.table.columns, inserted));
      for (const child of this.children) await this.writeChildren(tx, child, saves, written);
    } catch (error) {
      throw translateUniqueViolation(error, this.table, written);
    }
    await this.outbox.append(
      tx,
      saves.flatMap((save) => save.envelopes),
    );
    if (this.table.afterSave)
      for (const save of saves) await this.table.afterSave(tx, save.aggregate.id.value, save.events);
  };

  /**
   * Brings one child table in line with the saved aggregates (ADR 0025): deletes the rows of children they no
   * longer have, then inserts new rows and updates changed ones; unchanged rows are not written.
   */
  private async writeChildren(
    tx: SqlRows,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each child table has its own row type
    { table: child, sql }: { table: ChildTable<A, any>; sql: ChildSql },
    saves: PendingSave<A>[],
    written: WrittenRow[],
  ): Promise<void> {
    const rows: Record<string, unknown>[] = saves.flatMap((save) => child.rowsOf(save.aggregate));
    for (const row of rows) written.push({ aggregateId: String(row[child.parentColumn]), row });
    const key = [child.parentColumn, ...child.keyColumns];
    await tx.query(sql.deleteMissing, [saves.map((save) => save.aggregate.id.value), ...childArrays(key, rows)]);
    if (rows.length > 0) await tx.query(sql.upsert, childArrays(Object.keys(child.columns), rows));
  }

  private readonly rowOf = (save: PendingSave<A>): W => this.table.toRow(save.aggregate);

  private async update(tx: SqlRows, updates: PendingSave<A>[], rows: W[]): Promise<void> {
    const expected = updates.map((save) => save.expectedVersion);
    const updated = await tx.query<{ id: string }>(this.sql.updateMany, [
      ...columnArrays(this.table.columns, rows),
      expected,
    ]);
    if (updated.length === updates.length) return;
    const done = new Set(updated.map((row) => row.id));
    const stale = updates.find((save) => !done.has(save.aggregate.id.value)) ?? updates[0];
    const id = stale.aggregate.id.value;
    throw namingAggregate(new ConcurrencyError(this.table.name, id, stale.expectedVersion, -1), this.table.name, id);
  }
}
