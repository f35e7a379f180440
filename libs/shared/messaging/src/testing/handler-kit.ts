import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@bascule/shared/contracts';
import { SqlRows } from '@bascule/shared/persistence';

/** A statement a handler ran, with its parameters. */
export interface RecordedStatement {
  sql: string;
  parameters?: unknown[];
}

/** A transaction that records the statements a handler runs in it (each answers no row), for a consumer's unit spec. */
export function recordingTx(): { statements: RecordedStatement[]; tx: SqlRows } {
  const statements: RecordedStatement[] = [];
  const tx = { query: async (sql: string, parameters?: unknown[]) => (statements.push({ sql, parameters }), []) };
  return { statements, tx: tx as unknown as SqlRows };
}

/** Which event an envelope carries. */
export interface EnvelopeOf {
  type: string;
  version: number;
  aggregateType: string;
}

/** An envelope of `event` carrying `payload`, from the cloud, of a new aggregate at version 3. */
export const anEnvelope = (event: EnvelopeOf, payload: object): EventEnvelope<never> => ({
  id: randomUUID(),
  ...event,
  aggregateId: randomUUID(),
  aggregateVersion: 3,
  occurredAt: new Date().toISOString(),
  correlationId: randomUUID(),
  causationId: null,
  originSystem: 'cloud',
  payload: payload as never,
});
