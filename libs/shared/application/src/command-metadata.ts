import { randomUUID } from 'node:crypto';
import { OriginSystem } from '@bascule/shared/contracts';

/** Who asked and why: carried by every command into the events it causes. */
export interface CommandMetadata {
  correlationId: string;
  causationId: string | null;
  originSystem: OriginSystem;
}

/** A request made to this platform (REST, gRPC), correlated by the caller's id or a new one. */
export const cloudRequest = (correlationId: string = randomUUID()): CommandMetadata => ({
  correlationId,
  causationId: null,
  originSystem: 'cloud',
});
