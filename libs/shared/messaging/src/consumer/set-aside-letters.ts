import { KafkaMessage } from 'kafkajs';
import { DeadLetterPublisher, dlqTopicOf } from '../dead-letter/dead-letter-publisher';
import { Letter, Outcome } from './message-applier';
import { ConsumerLogger, PartitionRetry, Progress } from './partition-retry';

export const ABANDONED = Symbol('abandoned');

/**
 * Publishes a set-aside message to its dead-letter topic (`<topic>.dlq` unless told otherwise), called once the transaction that set it aside has committed
 * (so a commit redone after a transient failure publishes nothing twice). The publish waits out a broker
 * outage; a failure it cannot retry fails the batch, which is then redelivered.
 */
export class SetAsideLetters {
  constructor(
    private readonly deadLetters: DeadLetterPublisher,
    private readonly consumer: string,
    private readonly retry: PartitionRetry,
    private readonly logger: ConsumerLogger,
    /** Where a message of `topic` is set aside (`<topic>.dlq` by default). */
    private readonly deadLetterTopicOf: (topic: string) => string = dlqTopicOf,
  ) {}

  async publish(
    topic: string,
    partition: number,
    message: KafkaMessage,
    { reason, error, value }: Letter,
    attempts: number,
    progress: Progress,
  ): Promise<Outcome | typeof ABANDONED> {
    // Only positions, the reason and a described error (never the payload: it may hold personal data).
    this.logger.warn({ topic, partition, offset: message.offset, reason, error }, 'message set aside');
    const letter = {
      topic,
      partition,
      message,
      consumer: this.consumer,
      reason,
      error,
      attempts,
      value,
      deadLetterTopic: this.deadLetterTopicOf(topic),
    };
    const published = await this.retry(() => this.deadLetters.publish(letter), 1, progress, {
      topic,
      partition,
      offset: message.offset,
    });
    if (published.outcome === 'poison') throw published.error;
    if (published.outcome === 'abandoned') return ABANDONED;
    return 'dead-lettered';
  }
}
