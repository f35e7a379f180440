import { DomainError } from '@bascule/shared/ddd';
import { describeError, isTransient } from '@bascule/shared/application';
import { Applied, Letter, MessageApplier, messagingMetrics, Outcome, SetAside } from '@bascule/shared/messaging';
import { inTransaction, inUnitOfWork, PersonalFields } from '@bascule/shared/persistence';
import { KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { KeyRecord } from '../key-map/key-record';
import { KnownKeys, LegacyKeyMap } from '../key-map/legacy-key-map.port';
import { legacyMetadata, LegacyTableDefinition } from '../legacy-table';
import { LegacyKey } from '@bascule/shared/contracts';
import { belowHighestApplied, SourceRestoreGuard } from '../source/source-restore-guard';
import { decideChange } from './change-decision';
import { countCommitted } from './committed-changes';
import { sealedLetterValue } from './sealed-letters';

/** What a transaction applied, with the key-map records it wrote (their capture time gives the CDC lag). */
export type AppliedChanges = Applied & { records: KeyRecord[] };

export interface CommandSender {
  execute(command: object): Promise<unknown>;
}

/**
 * Applies captured changes for the consumer engine: the key map read once per transaction, each change
 * decided and sent to the context's CommandBus, recorded in one statement. A batch is one unit of work
 * (aggregates loaded together, written together before one commit).
 */
export class ChangeApplier<Row, V, K extends LegacyKey> implements MessageApplier<AppliedChanges> {
  constructor(
    private readonly pool: Pool,
    private readonly table: LegacyTableDefinition<Row, V, K>,
    private readonly keys: LegacyKeyMap,
    private readonly commands: CommandSender,
    private readonly personal?: PersonalFields,
    /** Remembers the highest position applied and stops at a restored source (ADR 0035); none in unit set-ups. */
    private readonly restores?: SourceRestoreGuard,
  ) {}

  applyTogether(messages: KafkaMessage[]): Promise<AppliedChanges> {
    const aggregateIds = this.keysOf(messages).map((key) => this.table.aggregateIdOf(key));
    return inUnitOfWork(this.pool, aggregateIds, () => this.applyAll(messages, true));
  }

  applyAlone(message: KafkaMessage): Promise<AppliedChanges> {
    return inTransaction(this.pool, () => this.applyAll([message], false));
  }

  /** Once per applied change, after its transaction committed. */
  committed({ records, outcomes }: AppliedChanges): void {
    const erased = outcomes.filter((outcome) => outcome === 'erased').length;
    countCommitted(this.table.capture.table, erased, records);
  }

  deadLettered(letter: Letter): void {
    if (letter.reason === 'quarantined') messagingMetrics.quarantined.inc({ table: this.table.capture.table });
  }

  /** In a batch (`inBatch`) a change to set aside aborts the whole with SetAside; alone, it is returned as a letter. */
  private async applyAll(messages: KafkaMessage[], inBatch: boolean): Promise<AppliedChanges> {
    const known = await this.keys.known(this.keysOf(messages));
    const result: AppliedChanges = { outcomes: [], letters: [], records: [] };
    const below = await belowHighestApplied(this.restores);
    for (const message of messages) {
      const handled = await this.apply(message, inBatch, known, result.records, below);
      result.outcomes.push(typeof handled === 'string' ? handled : 'dead-lettered');
      result.letters.push(typeof handled === 'string' ? undefined : handled);
    }
    await this.keys.recordAll(result.records);
    if (this.restores && result.records.length > 0)
      await this.restores.positions.advance(Math.max(...result.records.map((record) => record.lsn)));
    return result;
  }

  private async apply(
    message: KafkaMessage,
    inBatch: boolean,
    { lastLsns, erased }: KnownKeys,
    records: KeyRecord[],
    below: (lsn: number) => Promise<void>,
  ): Promise<Outcome | Letter> {
    const setAside = async (letter: Letter): Promise<Letter> => {
      if (inBatch) throw new SetAside(letter.error);
      return this.sealed(message, letter);
    };
    const decision = decideChange(
      message.value,
      this.table,
      (key) => lastLsns.get(String(key)),
      (key) => erased.has(String(key)),
    );
    if (decision.kind === 'duplicate' || decision.kind === 'apply')
      await below(decision.kind === 'duplicate' ? decision.lsn : decision.change.lsn);
    if (decision.kind === 'tombstone' || decision.kind === 'duplicate' || decision.kind === 'erased')
      return decision.kind;
    if (decision.kind === 'set-aside') return setAside(decision);
    const { change, value, kept } = decision;
    const aggregateId = this.table.aggregateIdOf(change.key);
    try {
      await this.commands.execute(this.table.command(aggregateId, value, legacyMetadata(change)));
    } catch (error) {
      // Refused by the domain: set aside (its code and field, never its message, which may quote the row).
      // A lost race (ConcurrencyError) is transient: retried.
      if (error instanceof DomainError && !isTransient(error))
        return setAside({ reason: 'quarantined', error: describeError(error) });
      throw error;
    }
    lastLsns.set(String(change.key), change.lsn);
    records.push({
      key: change.key,
      aggregateId,
      lsn: change.lsn,
      deleted: change.deleted,
      kept,
      committedAtMs: change.committedAtMs,
    });
    return 'applied';
  }

  /**
   * The letter with the row sealed with its subject's key (ADR 0033), so an erasure after it was set aside reaches
   * it too. Outside the applying transaction (a refused write may have aborted it): a key made for a row never
   * applied is harmless. A message whose key is unreadable has no subject: it goes as it came.
   */
  private async sealed(message: KafkaMessage, letter: Letter): Promise<Letter> {
    const key = this.table.capture.keyOf(message.key);
    const subject = key === undefined ? undefined : this.table.aggregateIdOf(key);
    const value = await sealedLetterValue(this.personal, this.pool, subject, message.value);
    return value ? { ...letter, value } : letter;
  }

  private keysOf(messages: KafkaMessage[]): K[] {
    return messages
      .map((message) => this.table.capture.keyOf(message.key))
      .filter((key): key is K => key !== undefined);
  }
}
