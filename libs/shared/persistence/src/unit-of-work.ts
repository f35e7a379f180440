import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool } from 'pg';
import { inTransaction, SqlRows } from './transactions';

/** What a store keeps for the unit: what it loaded, what it was asked to save. */
export interface UnitParticipant {
  /** Writes what was saved, in the unit's transaction, before it commits. */
  flush(tx: SqlRows): Promise<void>;
}

/**
 * A batch scope over one transaction: stores load the aggregates it expects in one query the first time one
 * is asked for, buffer what is saved, and write it as multi-row statements just before the commit. A failure
 * at that write fails the whole unit (rolled back); the caller decides what to redo. What is buffered is outside the
 * database until then: a savepoint inside a unit is taken with `inSavepointUnit`, whose own unit it covers.
 */
export class UnitOfWork {
  private readonly participants = new Map<string, UnitParticipant>();

  constructor(
    readonly pool: Pool,
    /** The aggregate ids the unit's work will ask for (a Kafka batch's keys), loaded together. */
    readonly expectedIds: readonly string[],
    /** The unit's transaction: a write given it (the outbox's) may wait for the flush. */
    readonly tx?: SqlRows,
  ) {}

  /** The participant named `key` (a store's table: two stores of one table share it), made on first use. */
  participant<P extends UnitParticipant>(key: string, create: () => P): P {
    let participant = this.participants.get(key) as P | undefined;
    if (!participant) this.participants.set(key, (participant = create()));
    return participant;
  }

  /** False once flushed: a save after that would never be written, so work still running then gets no unit. */
  open = true;

  async flush(tx: SqlRows): Promise<void> {
    this.open = false;
    // Events appended directly were written at once before units kept them: they still go ahead of the events of
    // the aggregates saved, which the stores write now.
    await this.participants.get(FIRST_FLUSHED)?.flush(tx);
    for (const [key, participant] of this.participants) if (key !== FIRST_FLUSHED) await participant.flush(tx);
  }
}

/** The participant key flushed before the others: the outbox's appended events. */
export const FIRST_FLUSHED = 'outbox';

const ambient = new AsyncLocalStorage<UnitOfWork>();

/** The unit of work this call runs in on `pool`, if any. */
export function unitOfWorkOn(pool: Pool): UnitOfWork | undefined {
  const unit = ambient.getStore();
  return unit?.pool === pool && unit.open ? unit : undefined;
}

/** The unit of work this call runs in whose transaction is `tx`, if any. */
export function unitOfWorkOver(tx: unknown): UnitOfWork | undefined {
  const unit = ambient.getStore();
  return unit && unit.tx === tx && unit.open ? unit : undefined;
}

/** Runs `work` as one unit of work in one transaction (joining the caller's, if any); saves are flushed before it commits. */
export function inUnitOfWork<T>(pool: Pool, expectedIds: readonly string[], work: () => Promise<T>): Promise<T> {
  return inTransaction(pool, async (tx) => {
    const unit = new UnitOfWork(pool, expectedIds, tx);
    const result = await ambient.run(unit, work);
    await unit.flush(tx);
    return result;
  });
}

/**
 * Runs `work` as a unit of work of its own inside the caller's, behind a savepoint of its transaction: its saves are
 * flushed at its end, and when it fails everything it wrote is undone while the caller's transaction goes on (the
 * error is rethrown for the caller to judge). For work that must not take the rest of a batch down with it.
 */
export async function inSavepointUnit<T>(tx: SqlRows, work: () => Promise<T>): Promise<T> {
  const outer = ambient.getStore();
  if (!outer) throw new Error('inSavepointUnit runs inside a unit of work');
  // One name for all: a nested savepoint of the same name hides the outer one until released, as nesting needs.
  await tx.query('SAVEPOINT savepoint_unit');
  try {
    const unit = new UnitOfWork(outer.pool, [], tx);
    const result = await ambient.run(unit, work);
    await unit.flush(tx);
    await tx.query('RELEASE SAVEPOINT savepoint_unit');
    return result;
  } catch (error) {
    // When even this fails the connection is gone, and the caller's transaction with it: the first error says why.
    await tx.query('ROLLBACK TO SAVEPOINT savepoint_unit').catch(() => undefined);
    throw error;
  }
}
