import { ConsumerEngine, DeadLetterPublisher, dlqTopicOf, RetentionPurger } from '@bascule/shared/messaging';
import { Kafka } from 'kafkajs';
import { ConnectorSettings } from '../legacy-sync.settings';
import { RestoreLogger, SourceRestoreWatch, WatchedLegacySource } from '../source/source-restore-watch';
import { BufferingApplier, GroupedSource, RefusedTransactions, TransactionReleaser } from './buffering-applier';
import { PgTransactionBuffer } from './pg-transaction-buffer';
import { watchTransactionBuffer } from './transaction-buffer-metrics';

export interface GroupedLegacySyncOptions {
  /** The consumer group of a source's topic. */
  groupIdOf(source: GroupedSource): string;
  /** How often released transactions past the buffer's retention are purged. */
  purgeIntervalMs: number;
  offsetCommitIntervalMs?: number;
  /** The connector `/health/details` reports with the consumers. */
  connector?: ConnectorSettings;
  /**
   * The legacy server, to tell a restore from a replay (ADR 0035), as a table's sync does: the group's highest
   * applied position is remembered under its root table's topic (the first changes source).
   */
  source?: WatchedLegacySource;
  /** Seals each change of a transaction set aside with its subject's key (ADR 0033; `groupLetterSealer`). */
  seal?: RefusedTransactions['seal'];
}

/**
 * A grouped legacy sync (ADR 0031): one consumer per captured table and one for the transaction topic, all
 * buffering into one buffer and releasing complete transactions, with the purge of released ones running
 * alongside, so the buffer's END table does not grow forever, and the age of its oldest unreleased
 * transaction and the number waiting gauges. A transaction the releaser refuses is set
 * aside whole: each of its changes to its table's dead-letter topic (the context's own, ADR 0044). With a legacy source it stops, as a table's sync does,
 * at a restored legacy database (ADR 0035), and stays stopped when started again.
 */
export class GroupedLegacySync {
  private readonly engines: ConsumerEngine[];
  private readonly purger: RetentionPurger;
  private readonly restores?: SourceRestoreWatch;
  private stopping = false;

  constructor(
    kafka: Kafka,
    private readonly buffer: PgTransactionBuffer,
    private readonly sources: readonly GroupedSource[],
    release: TransactionReleaser,
    deadLetters: DeadLetterPublisher,
    private readonly options: GroupedLegacySyncOptions,
    logger: RestoreLogger,
  ) {
    const root = sources.find((source) => source.kind === 'changes');
    if (options.source && root)
      this.restores = new SourceRestoreWatch(buffer.pool, root.topic, options.source, logger, () =>
        this.stopConsuming(),
      );
    const ownDeadLetters = new Map(
      sources.flatMap((s) => (s.kind === 'changes' && s.deadLetterTopic ? [[s.topic, s.deadLetterTopic]] : [])),
    );
    const deadLetterTopicOf = (topic: string) => ownDeadLetters.get(topic) ?? dlqTopicOf(topic);
    this.engines = sources.map(
      (source) =>
        new ConsumerEngine(
          kafka,
          new BufferingApplier(buffer.pool, buffer, source, release, {
            refused: { deadLetters, consumer: options.groupIdOf(source), seal: options.seal, deadLetterTopicOf },
            restores: this.restores?.guard,
          }),
          deadLetters,
          {
            groupId: options.groupIdOf(source),
            topics: [source.topic],
            offsetCommitIntervalMs: options.offsetCommitIntervalMs ?? 200,
            deadLetterTopicOf,
          },
          logger,
        ),
    );
    this.purger = new RetentionPurger(buffer.pool, [buffer.purgeRule()], logger);
    watchTransactionBuffer(buffer);
  }

  /**
   * Starts the consumers in the background (each retried until it runs) and the purge, unless the legacy source
   * was restored behind what the group applied.
   */
  launch(): void {
    void (this.restores?.restoredAlready() ?? Promise.resolve(false)).then((restored) => {
      if (restored || this.stopping) return;
      this.restores?.watch();
      for (const engine of this.engines) engine.launch();
      this.purger.start(this.options.purgeIntervalMs);
    });
  }

  /** Why it stopped for good (a restored legacy source), if it did: only the re-snapshot procedure resumes it. */
  get halted(): string | undefined {
    return this.restores?.halted;
  }

  /** Whether every consumer consumes now. */
  get running(): boolean {
    return this.engines.every((engine) => engine.running);
  }

  get connector(): ConnectorSettings {
    return this.options.connector ?? { connectUrl: 'http://127.0.0.1:8083', connector: 'legacy-postgres' };
  }

  /** Each consumer's topic and whether it consumes now (what `/health/details` reports). */
  get consumers(): { topic: string; running: boolean }[] {
    return this.sources.map((source, i) => ({ topic: source.topic, running: this.engines[i].running }));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.restores?.stop();
    await this.stopConsuming();
  }

  private async stopConsuming(): Promise<void> {
    await this.purger.stop();
    await Promise.all(this.engines.map((engine) => engine.stop()));
  }
}
