import { randomUUID } from 'node:crypto';
import { TSchema } from '@sinclair/typebox';
import { PoolClient } from 'pg';
import { EventEnvelope } from '@bascule/shared/contracts';

/** What a bare handler hands back: the written row's id and version, and the view it answers with. */
export interface BareAnswer {
  id: string;
  version: number;
  view: Record<string, unknown>;
}

/** The SQL helpers a bare route gets: one transaction, the outbox row inside it, and the pool for the read-back. */
export interface BareTools {
  transaction(work: (tx: PoolClient) => Promise<void>): Promise<void>;
  appendOutbox(tx: PoolClient, event: EventEnvelope): Promise<void>;
  readOne(sql: string, id: string): Promise<Record<string, unknown>>;
  correlationId: string;
}

/** One context's main write path, done by hand: the baseline server runs the one BASELINE_ROUTE names. */
export interface BareRoute<B = unknown> {
  path: string;
  /** The role the service's guard requires on this path. */
  role: string;
  /** The same TypeBox schema the service validates the body with. */
  body: TSchema;
  handle(body: B, tools: BareTools): Promise<BareAnswer>;
}

export const envelope = (
  fields: Pick<EventEnvelope, 'type' | 'aggregateType' | 'aggregateId' | 'payload'>,
  correlationId: string,
): EventEnvelope => ({
  id: randomUUID(),
  version: 1,
  aggregateVersion: 1,
  occurredAt: new Date().toISOString(),
  correlationId,
  causationId: null,
  originSystem: 'cloud',
  ...fields,
});
