import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { ContractRegistry } from '@bascule/shared/contracts';
import { PersonalFields } from '@bascule/shared/persistence';
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
  /** Types whose handler also answers a repeated delivery (`InboxApplierOptions.answersRepeats`). */
  answersRepeats?: ReadonlySet<string>;
  logger?: ConsumerLogger;
  /** Opens the personal fields of the context's own subjects (ADR 0033). */
  personal?: PersonalFields;
}

/**
 * A consumer of other contexts' events on the consumer engine, exactly once in effect: the batch's inbox
 * rows, its handlers' writes and the outbox rows they write commit in one transaction on `pool` (the very
 * pool the context's stores use), the offsets after (ADR 0027).
 */
export function eventConsumer(pool: Pool, options: EventConsumerOptions): ConsumerEngine {
  const { kafka, deadLetters, contracts, handlers, answersRepeats, personal, logger = console, ...engine } = options;
  const applier = new InboxApplier(pool, { consumer: engine.groupId, contracts, handlers, answersRepeats, personal });
  return new ConsumerEngine(kafka, applier, deadLetters, { groupPartitionBatches: false, ...engine }, logger);
}
