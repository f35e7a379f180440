import { SqlRows, UnitParticipant } from '@bascule/shared/persistence';
import { SagaState } from '../engine/saga-state';
import { PgSagaStore } from '../postgres/pg-saga-store';

/**
 * The sagas a consumer batch changes (its unit of work): each locked once, by the first reply for it, its latest
 * state handed to the next one, and all of them written in one statement when the unit flushes, each over the
 * version it was loaded at.
 */
export class SagaBatch implements UnitParticipant {
  private readonly changed = new Map<string, { state: SagaState; loadedVersion: number }>();

  constructor(private readonly store: PgSagaStore) {}

  /** The saga as this batch left it, if it changed it. */
  latest(id: string): SagaState | undefined {
    return this.changed.get(id)?.state;
  }

  record(before: SagaState, after: SagaState): void {
    const loadedVersion = this.changed.get(after.id)?.loadedVersion ?? before.version;
    this.changed.set(after.id, { state: after, loadedVersion });
  }

  flush(tx: SqlRows): Promise<void> {
    return this.store.updateAll(tx, [...this.changed.values()]);
  }
}
