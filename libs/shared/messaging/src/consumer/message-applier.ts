import { KafkaMessage } from 'kafkajs';
import { DeadLetterReason } from '../dead-letter/dead-letter-publisher';

/**
 * What became of one message; a metric label (`bascule_consumer_events_total{outcome}`). `erased`: a legacy
 * change to an erased subject, dropped with nothing kept of it (ADR 0033).
 */
export type Outcome = 'applied' | 'duplicate' | 'ignored' | 'tombstone' | 'erased' | 'dead-lettered';

/**
 * A message set aside in its transaction, published to the dead-letter topic only once that transaction committed;
 * `value`, when given, is sent instead of the message's own (sealed with its subject's key, ADR 0033).
 */
export type Letter = { reason: DeadLetterReason; error: string; value?: Buffer };

/** What a transaction did, message by message, in the order given. */
export interface Applied {
  outcomes: Outcome[];
  letters: (Letter | undefined)[];
}

/**
 * Raised inside a batch's transaction when a message must be set aside: the transaction rolls back and the
 * engine redoes the batch one message per transaction, so the others are not held back.
 */
export class SetAside extends Error {}

/**
 * What the consumer engine drives: the effects of messages, each call one database transaction committed
 * before it returns. The engine owns the order, the retries, the dead-letter topic and the offsets.
 */
export interface MessageApplier<A extends Applied = Applied> {
  /** Applies these messages in one transaction; throws SetAside when one of them must be set aside. */
  applyTogether(messages: KafkaMessage[]): Promise<A>;
  /** Applies one message in its own transaction; one that must be set aside comes back as a letter. */
  applyAlone(message: KafkaMessage): Promise<A>;
  /** Called once per committed transaction (a batch redone message by message is not reported twice). */
  committed(applied: A): void;
  /** Called once a letter reached the dead-letter topic. */
  deadLettered?(letter: Letter): void;
}

const partitions = new WeakMap<KafkaMessage, number>();

/** Notes where the engine read these messages: appliers get several partitions' messages at once (batch groups). */
export function readFromPartition(partition: number, messages: readonly KafkaMessage[]): void {
  for (const message of messages) partitions.set(message, partition);
}

/** The partition the engine read a message from; null for one it did not hand over (a test's own message). */
export const partitionOf = (message: KafkaMessage): number | null => partitions.get(message) ?? null;
