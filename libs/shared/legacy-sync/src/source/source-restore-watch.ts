import { ConsumerLogger } from '@bascule/shared/messaging';
import { Pool } from 'pg';
import { LegacySource } from './legacy-source';
import { SourcePositions } from './source-positions';
import { LEGACY_RESTORE_RUNBOOK, SourceRestoreGuard } from './source-restore-guard';

/** The legacy server a sync compares what it applied with (ADR 0035), and how often while idle. */
export interface WatchedLegacySource {
  server: LegacySource;
  checkIntervalMs: number;
}

export type RestoreLogger = ConsumerLogger & { error?(payload: object, message: string): void };

/**
 * A sync's restore detection (ADR 0035), the same for a table's sync and a group's: the guard its transactions
 * consult, a check before it consumes, a periodic one while it is idle, and the alarm (logged with the runbook)
 * that stops it. `positions` is the row of `legacy_source_positions` it advances (a table's topic, a group's
 * root topic).
 */
export class SourceRestoreWatch {
  readonly guard: SourceRestoreGuard;
  private timer?: NodeJS.Timeout;

  constructor(
    pool: Pool,
    positionsKey: string,
    private readonly source: WatchedLegacySource,
    private readonly logger: RestoreLogger,
    /** Stops the sync; not awaited (called from inside the batch being refused, the stop waits for it to give up). */
    private readonly stopSync: () => Promise<void>,
  ) {
    this.guard = new SourceRestoreGuard(new SourcePositions(pool, positionsKey), source.server, (why) =>
      this.halt(why),
    );
  }

  /** Why the sync stopped for good, if it did: only the re-snapshot procedure resumes it. */
  get halted(): string | undefined {
    return this.guard.restored;
  }

  /** The legacy server, once, before consuming: true when restored. Unreachable, the check inside each transaction still holds. */
  async restoredAlready(): Promise<boolean> {
    await this.guard.check().catch((error: Error) => {
      if (!this.halted) this.logger.warn({ err: error }, 'legacy source not checked at start; checked per change');
    });
    return this.halted !== undefined;
  }

  /** While idle too, so the alarm comes before the first change of the restored database does. */
  watch(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.guard.check().catch(() => undefined), this.source.checkIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private halt(why: string): void {
    this.stop();
    const log = this.logger.error ?? this.logger.warn;
    log.call(this.logger, { topic: this.guard.positions.topic, runbook: LEGACY_RESTORE_RUNBOOK }, why);
    void this.stopSync().catch((error: Error) => this.logger.warn({ err: error }, 'legacy sync stop failed'));
  }
}
