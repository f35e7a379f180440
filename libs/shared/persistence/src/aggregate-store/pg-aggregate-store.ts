import { AggregateRepository, AnyAggregate, CommandMetadata } from '@bascule/shared/application';
import { ConcurrencyError, TypedId } from '@bascule/shared/ddd';
import { Pool } from 'pg';
import { OutboxWriter } from '../outbox/outbox-writer';
import { executorOf, inTransaction, SqlRows } from '../transactions';
import { unitOfWorkOn } from '../unit-of-work';
import { aggregateSql, columnArrays } from './aggregate-sql';
import { AggregateTable, StoredRow } from './aggregate-table';
import { BatchedSaves, PendingSave } from './batched-saves';
import { envelopeOf } from './integration-event';
import { namingAggregate, translateUniqueViolation } from './unique-violations';

/**
 * Stores aggregates as rows of their table and their events in the outbox, in one transaction (joining the
 * caller's): insert at version 0, update only at the version loaded (optimistic), unique violations
 * translated into the context's errors. Inside a unit of work (`inUnitOfWork`) the expected aggregates are
 * loaded in one query and saves are written together before the commit. SQL on the pg pool (ADR 0010).
 */
export class PgAggregateStore<
  A extends AnyAggregate,
  W extends StoredRow,
  R extends W = W,
> implements AggregateRepository<A> {
  private readonly sql: ReturnType<typeof aggregateSql>;

  constructor(
    private readonly pool: Pool,
    private readonly table: AggregateTable<A, W, R>,
    private readonly outbox: OutboxWriter,
  ) {
    this.sql = aggregateSql(table);
  }

  async findById(id: string): Promise<A | undefined> {
    if (!this.isId(id)) return undefined;
    const batch = this.batch();
    if (batch) return (await this.findIn(batch, id.toLowerCase())) ?? undefined;
    const [row] = await executorOf(this.pool).query<R>(this.sql.selectOne, [id]);
    return row ? this.table.toAggregate(row) : undefined;
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
      const rows = await executorOf(this.pool).query<R>(this.sql.selectMany, [missing]);
      for (const e of missing) batch.loaded.set(e, null);
      for (const row of rows) batch.loaded.set(row.id, this.table.toAggregate(row));
    }
    return batch.loaded.get(id) ?? null;
  }

  private isId(id: string): boolean {
    return this.table.columns.id !== 'uuid' || TypedId.isUuid(id);
  }

  private readonly write = async (tx: SqlRows, saves: PendingSave<A>[]): Promise<void> => {
    const updates = saves.filter((save) => save.expectedVersion > 0);
    const inserts = saves.filter((save) => save.expectedVersion === 0);
    const [updated, inserted] = [updates.map(this.rowOf), inserts.map(this.rowOf)];
    try {
      if (updates.length > 0) await this.update(tx, updates, updated);
      if (inserts.length > 0) await tx.query(this.sql.insertMany, columnArrays(this.table.columns, inserted));
    } catch (error) {
      throw translateUniqueViolation(error, this.table, [...updated, ...inserted]);
    }
    await this.outbox.append(
      tx,
      saves.flatMap((save) => save.envelopes),
    );
    if (this.table.afterSave)
      for (const save of saves) await this.table.afterSave(tx, save.aggregate.id.value, save.events);
  };

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
