import { ConsumerEngine, ConsumerLogger, DeadLetterPublisher } from '@bascule/shared/messaging';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { PersonalFields } from '@bascule/shared/persistence';
import { AppliedChanges, ChangeApplier, CommandSender } from './engine/change-applier';
import { PgLegacyKeyMap } from './key-map/pg-legacy-key-map';
import { LegacyTableDefinition } from './legacy-table';
import { LegacyKey } from '@bascule/shared/contracts';
import { LegacySyncSettings } from './legacy-sync.settings';
import { LegacySource } from './source/legacy-source';
import { SourcePositions } from './source/source-positions';
import { LEGACY_RESTORE_RUNBOOK, SourceRestoreGuard } from './source/source-restore-guard';

const OFFSET_COMMIT_INTERVAL_MS = 200;

/** What one table's sync needs from the service: Kafka, the CommandBus, the database pool the context's store uses. */
export interface LegacySyncDependencies {
  kafka: Kafka;
  commands: CommandSender;
  /** The very pool the context's store uses: a transaction is joined on its own pool only, and the key map must commit with the aggregates. */
  pool: Pool;
  deadLetters: DeadLetterPublisher;
  logger: ConsumerLogger & { error?(payload: object, message: string): void };
  /**
   * The legacy server, to tell a restore from a replay (ADR 0035): the sync remembers the highest position it
   * applied (`legacy_source_positions`, in the context's migration) and stops when the server's WAL is behind it.
   */
  source?: { server: LegacySource; checkIntervalMs: number };
  /** Seals the rows set aside with their subject's key (ADR 0033); without it they go as they came. */
  personal?: PersonalFields;
}

/**
 * Applies one captured legacy table to a context through the ACL, on the consumer engine (ADR 0027):
 * idempotent by position (a change at or below the key's last applied one is skipped; one applied but not
 * recorded converges to a no-op when replayed), rows the model cannot take quarantined to `<topic>.dlq` with
 * the reason (sealed with their subject's key), changes to an erased subject dropped, transient failures waited out, the consumer supervised (rebuilt after a crash, a failed start retried).
 */
export class LegacyTableSync<Row = unknown, V = unknown, K extends LegacyKey = LegacyKey> {
  private readonly engine: ConsumerEngine<AppliedChanges>;
  private readonly logger: LegacySyncDependencies['logger'];
  private readonly restores?: SourceRestoreGuard;
  private checkIntervalMs = 0;
  private checkTimer?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    readonly definition: LegacyTableDefinition<Row, V, K>,
    readonly settings: LegacySyncSettings,
    dependencies: LegacySyncDependencies,
  ) {
    const { kafka, commands, pool, deadLetters, logger, personal, source } = dependencies;
    this.logger = logger;
    const keys = new PgLegacyKeyMap(pool, definition.keyMap);
    if (source) {
      const positions = new SourcePositions(pool, settings.topic);
      this.restores = new SourceRestoreGuard(positions, source.server, (why) => this.halt(why));
      this.checkIntervalMs = source.checkIntervalMs;
    }
    const applier = new ChangeApplier(pool, definition, keys, commands, personal, this.restores);
    this.engine = new ConsumerEngine(
      kafka,
      applier,
      deadLetters,
      { groupId: settings.groupId, topics: [settings.topic], offsetCommitIntervalMs: OFFSET_COMMIT_INTERVAL_MS },
      logger,
    );
  }

  /** Starts now, unless the legacy source was restored behind what was applied; throws when that fails. */
  async start(): Promise<void> {
    if (await this.restoredAlready()) return;
    this.watch();
    await this.engine.start();
  }

  /** Starts in the background, retried with backoff until it runs (see `SupervisedConsumer.launch`). */
  launch(): void {
    void this.restoredAlready().then((restored) => {
      if (restored || this.stopping) return;
      this.watch();
      this.engine.launch();
    });
  }

  /** Whether it consumes now: false while it starts, after a crash until it is back, and after stop. */
  get running(): boolean {
    return this.engine.running;
  }

  /** Its one consumer, for `/health/details`. */
  get consumers(): { topic: string; running: boolean }[] {
    return [{ topic: this.settings.topic, running: this.running }];
  }

  get connector() {
    return this.settings.connector;
  }

  /** Why it stopped for good (a restored legacy source), if it did: only the re-snapshot procedure resumes it. */
  get halted(): string | undefined {
    return this.restores?.restored;
  }

  stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.checkTimer);
    return this.engine.stop();
  }

  /** The legacy server, once, before consuming: unreachable, the check inside each transaction still holds. */
  private async restoredAlready(): Promise<boolean> {
    await this.restores?.check().catch((error: Error) => {
      if (!this.halted) this.logger.warn({ err: error }, 'legacy source not checked at start; checked per change');
    });
    return this.halted !== undefined;
  }

  /** While idle too, so the alarm comes before the first change of the restored database does. */
  private watch(): void {
    if (!this.restores) return;
    this.checkTimer = setInterval(() => void this.restores?.check().catch(() => undefined), this.checkIntervalMs);
    this.checkTimer.unref();
  }

  private halt(why: string): void {
    clearInterval(this.checkTimer);
    const log = this.logger.error ?? this.logger.warn;
    log.call(this.logger, { topic: this.settings.topic, runbook: LEGACY_RESTORE_RUNBOOK }, why);
    // Not awaited: called from inside the batch being refused; the stop waits for it to give up.
    void this.engine.stop().catch((error: Error) => this.logger.warn({ err: error }, 'legacy sync stop failed'));
  }
}
