import { clientIdOfLegacy, DebeziumChange, LegacyClientRow, MalformedChange, parseDebeziumChange, snapshotOf, translateLegacyClient } from '@bascule/anti-corruption';
import { SyncClientFromLegacyCommand } from '@bascule/client/application';
import { DomainError } from '@bascule/shared/ddd';
import { DeadLetterPublisher, DeadLetterReason, inTransaction, messagingMetrics } from '@bascule/shared/messaging';
import { CommandBus } from '@nestjs/cqrs';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { KeyRecord, LegacyClientKeys } from './legacy-client-keys';

export interface LegacyClientsConsumerOptions {
  topic: string;
  groupId: string;
}

interface Logger {
  warn(payload: object, message: string): void;
}

type Outcome = 'applied' | 'duplicate' | 'tombstone' | 'dead-lettered';
type Applied = KeyRecord & { sourceTsMs: number };

/** Raised inside a batch transaction when a change must be set aside: the batch is redone one by one. */
class SetAside extends Error {}

/**
 * Applies captured `CLIENTS` changes to the client context through the ACL. Idempotent by position: a
 * change at or below the key's last applied LSN is skipped, and a change applied but not yet recorded
 * (crash between) converges to a no-op when replayed. Rows the model cannot take are quarantined to
 * `<topic>.dlq` with the reason; the stream keeps flowing.
 */
export class LegacyClientsConsumer {
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly commands: CommandBus,
    private readonly keys: LegacyClientKeys,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly options: LegacyClientsConsumerOptions,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: this.options.groupId, allowAutoTopicCreation: false });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await this.consumer.run({
      // One key is always in one partition, so partitions can be applied side by side without reordering a client.
      partitionsConsumedConcurrently: 12,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  /**
   * A partition's batch is applied in one transaction (one commit for many changes). When a change must
   * be set aside, that transaction is rolled back and the batch is applied one change per transaction,
   * so the others are not held back by it.
   */
  private async consumeBatch({ batch, resolveOffset, heartbeat }: EachBatchPayload): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await inTransaction(this.keys.pool, () => this.applyAll(batch.partition, batch.messages, true));
    } catch (error) {
      if (!(error instanceof SetAside)) throw error;
      outcomes = [];
      for (const message of batch.messages) outcomes.push(...(await inTransaction(this.keys.pool, () => this.applyAll(batch.partition, [message], false))));
    }
    for (const [index, message] of batch.messages.entries()) {
      messagingMetrics.consumed.inc({ consumer: this.options.groupId, topic: this.options.topic, outcome: outcomes[index] });
      resolveOffset(message.offset);
    }
    await heartbeat();
  }

  /**
   * Reads the key map once for the messages, applies them in order, and records them in one statement.
   * Lag is observed only here, so a batch redone change by change is not counted twice.
   */
  private async applyAll(partition: number, messages: KafkaMessage[], inBatch: boolean): Promise<Outcome[]> {
    const applied = await this.keys.lastLsns(messages.map(keyOf).filter((key): key is number => key !== undefined));
    const records: Applied[] = [];
    const outcomes: Outcome[] = [];
    for (const message of messages) outcomes.push(await this.handle(partition, message, inBatch, applied, records));
    await this.keys.recordAll(records);
    const now = Date.now();
    for (const record of records) messagingMetrics.cdcLag.observe({ table: 'CLIENTS' }, Math.max(0, now - record.sourceTsMs) / 1000);
    return outcomes;
  }

  private async handle(partition: number, message: KafkaMessage, inBatch: boolean, applied: Map<number, number>, records: Applied[]): Promise<Outcome> {
    const setAside = (reason: DeadLetterReason, error: string) => {
      if (inBatch) throw new SetAside(error);
      return reason === 'quarantined' ? this.quarantine(partition, message, error) : this.deadLetter(partition, message, reason, error);
    };
    let change: DebeziumChange | null;
    try {
      change = parseDebeziumChange(message.value);
    } catch (error) {
      return setAside('malformed', (error as MalformedChange).message);
    }
    if (!change) return 'tombstone';
    const row = (change.op === 'd' ? change.before : change.after) as LegacyClientRow;
    if (!Number.isSafeInteger(row.NO_CLIENT)) return setAside('malformed', 'NO_CLIENT is not an integer');
    const last = applied.get(row.NO_CLIENT);
    if (last !== undefined && change.source.lsn <= last) return 'duplicate';

    const translation = change.op === 'd' ? null : translateLegacyClient(row);
    if (translation?.quarantine) return setAside('quarantined', translation.quarantine.join('; '));
    const image = translation?.image ?? null;
    const clientId = clientIdOfLegacy(row.NO_CLIENT);
    try {
      const metadata = { correlationId: `legacy-lsn-${change.source.lsn}`, causationId: change.source.txId ? `legacy-tx-${change.source.txId}` : null, originSystem: 'legacy' as const };
      await this.commands.execute(new SyncClientFromLegacyCommand(clientId, image, metadata));
    } catch (error) {
      if (error instanceof DomainError) return setAside('quarantined', `${error.code}: ${error.message}`);
      throw error;
    }
    const erased = image?.status === 'ERASED';
    applied.set(row.NO_CLIENT, change.source.lsn);
    records.push({ noClient: row.NO_CLIENT, clientId, lsn: change.source.lsn, sourceTsMs: change.source.ts_ms, deleted: change.op === 'd', snapshot: change.op === 'd' ? null : erased ? { STATUT: 'X', DATE_CREATION: snapshotOf(row).DATE_CREATION } : snapshotOf(row) });
    return 'applied';
  }

  private quarantine(partition: number, message: KafkaMessage, reason: string): Promise<Outcome> {
    messagingMetrics.quarantined.inc({ table: 'CLIENTS' });
    return this.deadLetter(partition, message, 'quarantined', reason);
  }

  private async deadLetter(partition: number, message: KafkaMessage, reason: DeadLetterReason, error: string): Promise<Outcome> {
    this.logger.warn({ topic: this.options.topic, partition, offset: message.offset, reason, error }, 'legacy change set aside');
    await this.deadLetters.publish({ topic: this.options.topic, partition, message, consumer: this.options.groupId, reason, error, attempts: 1 });
    return 'dead-lettered';
  }
}

/** NO_CLIENT from the message key (`{"NO_CLIENT":42}`), when it is readable. */
function keyOf(message: KafkaMessage): number | undefined {
  try {
    const key = JSON.parse(message.key?.toString() ?? '') as { NO_CLIENT?: unknown };
    return Number.isSafeInteger(key.NO_CLIENT) ? (key.NO_CLIENT as number) : undefined;
  } catch {
    return undefined;
  }
}
