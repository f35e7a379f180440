import { randomUUID } from 'node:crypto';
import { OriginSystem } from '@bascule/shared/contracts';

/** Who asked and why: carried by every command into the events it causes. */
export interface CommandMetadata {
  correlationId: string;
  causationId: string | null;
  originSystem: OriginSystem;
}

export const cloudRequest = (correlationId: string = randomUUID()): CommandMetadata => ({
  correlationId,
  causationId: null,
  originSystem: 'cloud',
});
