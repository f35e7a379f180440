import { ConsumerEngine, ConsumerLogger, DeadLetterPublisher, RetentionPurger } from '@bascule/shared/messaging';
import { Kafka } from 'kafkajs';
import { ConnectorSettings } from '../legacy-sync.settings';
import { BufferingApplier, GroupedSource, TransactionReleaser } from './buffering-applier';
import { PgTransactionBuffer } from './pg-transaction-buffer';
import { registerOldestUnreleased } from './transaction-buffer-metrics';

export interface GroupedLegacySyncOptions {
  /** The consumer group of a source's topic. */
  groupIdOf(source: GroupedSource): string;
  /** How often released transactions past the buffer's retention are purged. */
  purgeIntervalMs: number;
  offsetCommitIntervalMs?: number;
  /** The connector `/health/details` reports with the consumers. */
  connector?: ConnectorSettings;
}

/**
 * A grouped legacy sync (ADR 0031): one consumer per captured table and one for the transaction topic, all
 * buffering into one buffer and releasing complete transactions, with the purge of released ones running
 * alongside, so the buffer's END table does not grow forever, and the age of its oldest unreleased
 * transaction a gauge. A transaction the releaser refuses is set
 * aside whole: each of its changes to `<its topic>.dlq`.
 */
export class GroupedLegacySync {
  private readonly engines: ConsumerEngine[];
  private readonly purger: RetentionPurger;

  constructor(
    kafka: Kafka,
    private readonly buffer: PgTransactionBuffer,
    private readonly sources: readonly GroupedSource[],
    release: TransactionReleaser,
    deadLetters: DeadLetterPublisher,
    private readonly options: GroupedLegacySyncOptions,
    logger: ConsumerLogger,
  ) {
    this.engines = sources.map(
      (source) =>
        new ConsumerEngine(
          kafka,
          new BufferingApplier(buffer.pool, buffer, source, release, {
            deadLetters,
            consumer: options.groupIdOf(source),
          }),
          deadLetters,
          {
            groupId: options.groupIdOf(source),
            topics: [source.topic],
            offsetCommitIntervalMs: options.offsetCommitIntervalMs ?? 200,
          },
          logger,
        ),
    );
    this.purger = new RetentionPurger(buffer.pool, [buffer.purgeRule()], logger);
    registerOldestUnreleased(buffer.name, () => buffer.oldestUnreleasedSeconds());
  }

  /** Starts the consumers in the background (each retried until it runs) and the purge. */
  launch(): void {
    for (const engine of this.engines) engine.launch();
    this.purger.start(this.options.purgeIntervalMs);
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
    await this.purger.stop();
    for (const engine of this.engines) await engine.stop();
  }
}
