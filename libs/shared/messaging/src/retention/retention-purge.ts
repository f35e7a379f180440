import { Pool } from 'pg';
import { messagingMetrics } from '../messaging-metrics';
import { inTransaction } from '@bascule/shared/persistence';

/** Rows of `table` whose `column` (a timestamptz) is older than `retentionMs` are deleted. */
export interface RetentionRule {
  table: string;
  column: string;
  retentionMs: number;
}

export interface PurgeLogger {
  warn(payload: object, message: string): void;
}

const LOCK = `SELECT pg_try_advisory_xact_lock(hashtext('bascule.retention-purge')) AS leader`;
const identifier = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
};

/**
 * Deletes rows past their retention (the inbox, idempotency keys), in slices of `sliceSize` so no
 * statement holds locks for long. Leader-safe: each round runs under a transaction-scoped advisory lock,
 * so with several replicas one purges and the others skip the round. Counted in `bascule_retention_purged_total`.
 */
export class RetentionPurger {
  private timer?: NodeJS.Timeout;
  private firstRound?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly pool: Pool,
    private readonly rules: readonly RetentionRule[],
    private readonly logger: PurgeLogger = console,
    private readonly sliceSize = 5_000,
  ) {}

  /** Purges every `intervalMs` (and once soon after start); never keeps the process alive. */
  start(intervalMs: number): void {
    const round = () => {
      this.running ??= this.purgeOnce()
        .catch((error) => this.logger.warn({ err: error }, 'retention purge failed; next round retries'))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(round, intervalMs);
    this.timer.unref();
    this.firstRound = setTimeout(round, Math.min(intervalMs, 5_000));
    this.firstRound.unref();
  }

  /** No round starts after this; the one running (if any) is awaited. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.firstRound);
    await this.running;
  }

  /** One round: rows deleted per table, or `undefined` when another instance holds the purge lock. */
  async purgeOnce(): Promise<Record<string, number> | undefined> {
    const deleted: Record<string, number> = {};
    for (const rule of this.rules) {
      deleted[rule.table] = 0;
      for (;;) {
        const slice = await inTransaction(this.pool, async (tx) => {
          const [{ leader }] = await tx.query<{ leader: boolean }>(LOCK);
          if (!leader) return undefined;
          const rows = await tx.query(
            `DELETE FROM ${identifier(rule.table)} WHERE ctid IN (SELECT ctid FROM ${identifier(rule.table)} WHERE ${identifier(rule.column)} < now() - $1::interval LIMIT $2) RETURNING 1`,
            [`${rule.retentionMs} milliseconds`, this.sliceSize],
          );
          return rows.length;
        });
        if (slice === undefined) return undefined;
        deleted[rule.table] += slice;
        messagingMetrics.retentionPurged.inc({ table: rule.table }, slice);
        if (slice < this.sliceSize) break;
      }
    }
    return deleted;
  }
}

/** `INBOX_RETENTION_MS` (14 days: longer than the topics' 7-day retention, so a replay from the start is still absorbed) and `RETENTION_PURGE_INTERVAL_MS` (1 min). */
export function retentionSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): {
  inboxRetentionMs: number;
  intervalMs: number;
} {
  return {
    inboxRetentionMs: Number(env.INBOX_RETENTION_MS ?? 14 * 24 * 3600_000),
    intervalMs: Number(env.RETENTION_PURGE_INTERVAL_MS ?? 60_000),
  };
}
