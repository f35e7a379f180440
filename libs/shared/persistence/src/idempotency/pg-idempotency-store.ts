import { IdempotencyStore, IdempotentAnswer, IdempotentOutcome, IdempotentRequest } from '@bascule/shared/application';
import { Pool } from 'pg';
import { inTransaction } from '../transactions';

/**
 * Held by the transaction running a key's request, released by its commit or rollback (a crashed process's
 * connection rolls back too, so no key stays held). Two 32-bit halves: the first names this use, apart from
 * the other advisory locks (migrations, relay leadership); a clash of the second only answers a spurious 409.
 */
const HOLD_KEY = `SELECT pg_try_advisory_xact_lock(hashtext('idempotency_keys'), hashtext($1)) AS held`;

const STORED = `SELECT request_hash, status, headers, body, aggregate_id FROM idempotency_keys
  WHERE caller = $1 AND scope = $2 AND key = $3`;

const STORE = `INSERT INTO idempotency_keys (caller, scope, key, request_hash, status, headers, body, aggregate_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

interface StoredRow {
  request_hash: string;
  status: number;
  headers: Record<string, string> | null;
  body: unknown;
  aggregate_id: string | null;
}

/**
 * `IdempotencyStore` on the context's database (ADR 0030). The request runs inside the transaction that holds
 * its key: the command's stores join it (`inTransaction`), and the answer is inserted in it just before the
 * commit. A second request with the key while the first runs gets `in-flight` at once, without waiting on a
 * connection; once the first has committed, its answer.
 */
export class PgIdempotencyStore extends IdempotencyStore {
  constructor(private readonly pool: Pool) {
    super();
  }

  once(request: IdempotentRequest, work: () => Promise<IdempotentAnswer>): Promise<IdempotentOutcome> {
    const { caller, operation, key, fingerprint } = request;
    return inTransaction(this.pool, async (tx): Promise<IdempotentOutcome> => {
      const [{ held }] = await tx.query<{ held: boolean }>(HOLD_KEY, [`${caller}\n${operation}\n${key}`]);
      if (!held) return { kind: 'in-flight' };
      const [stored] = await tx.query<StoredRow>(STORED, [caller, operation, key]);
      if (stored) return stored.request_hash === fingerprint ? replayOf(stored) : { kind: 'key-reused' };
      const answer = await work();
      await tx.query(STORE, [
        caller,
        operation,
        key,
        fingerprint,
        answer.status,
        answer.headers,
        JSON.stringify(answer.body ?? null),
        answer.aggregateId,
      ]);
      return { kind: 'answered', answer, replayed: false };
    });
  }
}

const replayOf = (row: StoredRow): IdempotentOutcome => ({
  kind: 'answered',
  replayed: true,
  answer: { status: row.status, headers: row.headers ?? {}, body: row.body, aggregateId: row.aggregate_id },
});
