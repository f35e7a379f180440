/**
 * Something that happened inside an aggregate, in the domain's own words. Integration events (the wire
 * contract) are separate types in a context's `contracts`, produced from these by an explicit mapper.
 */
export interface DomainEvent<TType extends string = string> {
  readonly type: TType;
  readonly aggregateId: string;
  /** The aggregate's version once this event is applied: per-aggregate order on the wire. */
  readonly aggregateVersion: number;
  readonly occurredAt: Date;
}
