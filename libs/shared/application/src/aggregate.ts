import { AggregateRoot, DomainEvent, TypedId } from '@bascule/shared/ddd';

/** Any aggregate of any context: a typed id, a version, pending events. */
export type AnyAggregate = AggregateRoot<TypedId, DomainEvent>;

/** What a command returns: the aggregate and the version it is at now (the next ETag). */
export interface AggregateRef {
  id: string;
  version: number;
}
