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
  /** Rows of a query outside the transaction (a lookup before it, a child table's read-back). */
  readAll(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  correlationId: string;
}

/** A refusal the service answers with a problem too (an unknown client, an order not confirmed): thrown by `handle`. */
export class BareRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

/** A money column pair (`<prefix>_amount`, `<prefix>_currency`) of a row, as the services answer it. */
export const moneyOf = (row: Record<string, unknown>, prefix: string) => ({
  amount: Number(row[`${prefix}_amount`]),
  currency: row[`${prefix}_currency`],
});

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
