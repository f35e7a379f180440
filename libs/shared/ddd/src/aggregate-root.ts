import { DomainEvent } from './domain-event';
import { Entity } from './entity';

/**
 * The consistency boundary. Methods that change state record the events they cause; the repository
 * saves state and events together (outbox) and then clears them. `version` counts applied events and is
 * the optimistic-concurrency token exposed as the ETag.
 */
export abstract class AggregateRoot<
  TId extends { equals(other: TId): boolean },
  TEvent extends DomainEvent = DomainEvent,
> extends Entity<TId> {
  private pending: TEvent[] = [];

  protected constructor(
    id: TId,
    private currentVersion: number,
  ) {
    super(id);
  }

  get version(): number {
    return this.currentVersion;
  }

  /** The version the stored row had when this instance was loaded (before pending events). */
  get persistedVersion(): number {
    return this.currentVersion - this.pending.length;
  }

  get pendingEvents(): readonly TEvent[] {
    return this.pending;
  }

  clearPendingEvents(): void {
    this.pending = [];
  }

  /** Records an event built for the next version; call after the state change it describes. */
  protected record(build: (nextVersion: number) => TEvent): void {
    this.currentVersion += 1;
    this.pending.push(build(this.currentVersion));
  }

  /** Records `event` for the next version, stamped with this aggregate's id and the time it happened. */
  protected recordEvent(event: EventFields<TEvent>, occurredAt: Date): void {
    this.record(
      (aggregateVersion) => ({ ...event, aggregateId: String(this.id), aggregateVersion, occurredAt }) as TEvent,
    );
  }
}

/** What an aggregate says of an event; the rest (id, version, time) is stamped when it is recorded. */
export type EventFields<TEvent> = TEvent extends unknown
  ? Omit<TEvent, 'aggregateId' | 'aggregateVersion' | 'occurredAt'>
  : never;
