import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { ContractRegistry } from '@bascule/shared/contracts';
import { DeadLetterPublisher } from '../dead-letter/dead-letter-publisher';
import { ConsumerEngine, ConsumerEngineOptions } from './consumer-engine';
import { EventHandler, InboxApplier } from './inbox-applier';
import { ConsumerLogger } from './partition-retry';

export interface EventConsumerOptions extends ConsumerEngineOptions {
  kafka: Kafka;
  deadLetters: DeadLetterPublisher;
  contracts: ContractRegistry;
  /** By event type; types without a handler are acknowledged and counted as `ignored`. */
  handlers: Readonly<Record<string, EventHandler>>;
  logger?: ConsumerLogger;
}

/**
 * A consumer of other contexts' events on the consumer engine, exactly once in effect: the batch's inbox
 * rows, its handlers' writes and the outbox rows they write commit in one transaction on `pool` (the very
 * pool the context's stores use), the offsets after (ADR 0027).
 */
export function eventConsumer(pool: Pool, options: EventConsumerOptions): ConsumerEngine {
  const { kafka, deadLetters, contracts, handlers, logger = console, ...engine } = options;
  const applier = new InboxApplier(pool, { consumer: engine.groupId, contracts, handlers });
  return new ConsumerEngine(kafka, applier, deadLetters, engine, logger);
}
