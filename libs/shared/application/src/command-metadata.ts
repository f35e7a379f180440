import { randomUUID } from 'node:crypto';
import { Actor, OriginSystem } from '@bascule/shared/contracts';

/** Who asked and why: carried by every command into the events it causes. */
export interface CommandMetadata {
  correlationId: string;
  causationId: string | null;
  originSystem: OriginSystem;
  /** The verified caller of a request (ids only); none for changes that came from the legacy system or a consumer. */
  actor?: Actor;
}

/** A request made to this platform (REST, gRPC), correlated by the caller's id or a new one, made by `actor`. */
export const cloudRequest = (correlationId: string = randomUUID(), actor?: Actor): CommandMetadata => ({
  correlationId,
  causationId: null,
  originSystem: 'cloud',
  ...(actor ? { actor } : {}),
});
