import { DeadLetterPublisher, messagingMetrics } from '@bascule/shared/messaging';
import { KafkaMessage } from 'kafkajs';
import { Letter, Outcome } from './change-applier';
import { PartitionRetry, Progress, SyncLogger } from './partition-retry';

export const ABANDONED = Symbol('abandoned');

/**
 * Publishes a set-aside change to `<topic>.dlq`, called once the transaction that set it aside has committed
 * (so a commit redone after a transient failure publishes nothing twice). The publish waits out a broker outage
 * like InboxConsumer's; a failure it cannot retry fails the batch, which is then redelivered.
 */
export class SetAsideLetters {
  constructor(
    private readonly deadLetters: DeadLetterPublisher,
    private readonly where: { table: string; topic: string; groupId: string },
    private readonly retry: PartitionRetry,
    private readonly logger: SyncLogger,
  ) {}

  async publish(partition: number, message: KafkaMessage, { reason, error }: Letter, progress: Progress) {
    const { table, topic, groupId: consumer } = this.where;
    this.logger.warn({ topic, partition, offset: message.offset, reason, error }, 'legacy change set aside');
    const letter = { topic, partition, message, consumer, reason, error, attempts: 1 };
    const published = await this.retry(() => this.deadLetters.publish(letter), 1, progress, {
      partition,
      offset: message.offset,
    });
    if (published.outcome === 'poison') throw published.error;
    if (published.outcome === 'abandoned') return ABANDONED;
    if (reason === 'quarantined') messagingMetrics.quarantined.inc({ table });
    return 'dead-lettered' satisfies Outcome;
  }
}
