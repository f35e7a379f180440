import { IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { compressionFor } from '../kafka/kafka-client';
import { messagingMetrics } from '../messaging-metrics';

/** Why a message was set aside; stable values, used as a metric label and in the `dlq_reason` header. */
export type DeadLetterReason =
  | 'malformed'
  | 'invalid-envelope'
  | 'invalid-payload'
  | 'unknown-contract'
  | 'handler-failed'
  | 'quarantined'
  | 'translation-failed';

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  consumer: string;
  reason: DeadLetterReason;
  error: string;
  attempts: number;
  /** Sent instead of the message's value: the value sealed with its subject's key (ADR 0033). */
  value?: Buffer;
  /** Where it goes: `<topic>.dlq` unless the consumer has a dead-letter topic of its own (a context's legacy table's). */
  deadLetterTopic?: string;
}

export const dlqTopicOf = (topic: string) => `${topic}.dlq`;

/**
 * Copies a message to `<topic>.dlq` (or the letter's `deadLetterTopic`), unchanged (or its value sealed, `dlq_sealed: true`), with why and where it
 * failed in `dlq_*` headers.
 */
export class DeadLetterPublisher {
  constructor(private readonly producer: Producer) {}

  async publish(letter: DeadLetter): Promise<void> {
    const headers: IHeaders = {
      ...letter.message.headers,
      dlq_reason: letter.reason,
      dlq_error: letter.error.slice(0, 4_000),
      dlq_original_topic: letter.topic,
      dlq_original_partition: String(letter.partition),
      dlq_original_offset: letter.message.offset,
      dlq_consumer: letter.consumer,
      dlq_attempts: String(letter.attempts),
      dlq_failed_at: new Date().toISOString(),
      ...(letter.value ? { dlq_sealed: 'true' } : {}),
    };
    const messages = [{ key: letter.message.key, value: letter.value ?? letter.message.value, headers }];
    await this.producer.send({
      topic: letter.deadLetterTopic ?? dlqTopicOf(letter.topic),
      acks: -1,
      compression: compressionFor(messages),
      messages,
    });
    messagingMetrics.deadLettered.inc({ consumer: letter.consumer, topic: letter.topic, reason: letter.reason });
  }
}
