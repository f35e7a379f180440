import { AnyAggregate } from '@bascule/shared/application';
import { EventEnvelope } from '@bascule/shared/contracts';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { SqlRows } from '../transactions';
import { UnitParticipant } from '../unit-of-work';
import { EventOf } from './aggregate-table';
import { namingAggregate } from './unique-violations';

/** One aggregate's save: the version its row must still have, and the events to append to the outbox. */
export interface PendingSave<A extends AnyAggregate> {
  aggregate: A;
  expectedVersion: number;
  events: EventOf<A>[];
  envelopes: EventEnvelope[];
}

/**
 * A store's part in a unit of work: the aggregates loaded for it (each id once, so two changes to one
 * aggregate in a batch build on each other) and the saves it buffers, merged per aggregate.
 */
export class BatchedSaves<A extends AnyAggregate> implements UnitParticipant {
  readonly loaded = new Map<string, A | null>();
  /** Whether the unit's expected aggregates were asked for already. */
  expecting = false;
  private readonly pending = new Map<string, PendingSave<A>>();

  constructor(
    private readonly name: string,
    private readonly write: (tx: SqlRows, saves: PendingSave<A>[]) => Promise<void>,
  ) {}

  add(save: PendingSave<A>): void {
    const id = save.aggregate.id.value;
    const earlier = this.pending.get(id);
    this.loaded.set(id, save.aggregate);
    if (!earlier) return void this.pending.set(id, save);
    // Another instance of the same aggregate in one unit: one of them is stale.
    if (earlier.aggregate !== save.aggregate)
      throw namingAggregate(
        new ConcurrencyError(this.name, id, save.expectedVersion, earlier.aggregate.version),
        this.name,
        id,
      );
    earlier.events.push(...save.events);
    earlier.envelopes.push(...save.envelopes);
  }

  async flush(tx: SqlRows): Promise<void> {
    if (this.pending.size > 0) await this.write(tx, [...this.pending.values()]);
  }
}
