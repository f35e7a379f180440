import { DomainError } from '@bascule/shared/ddd';
import { describeError, isTransient } from '@bascule/shared/application';
import { Applied, Letter, MessageApplier, messagingMetrics, Outcome, SetAside } from '@bascule/shared/messaging';
import { inTransaction, inUnitOfWork } from '@bascule/shared/persistence';
import { KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { KeyRecord } from '../key-map/key-record';
import { LegacyKeyMap } from '../key-map/legacy-key-map.port';
import { legacyMetadata, LegacyTableDefinition } from '../legacy-table';
import { LegacyKey } from '@bascule/shared/contracts';
import { SourceRestoreGuard } from '../source/source-restore-guard';
import { decideChange } from './change-decision';

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
  committed({ records }: AppliedChanges): void {
    const now = Date.now();
    const table = this.table.capture.table;
    for (const record of records)
      messagingMetrics.cdcLag.observe({ table }, Math.max(0, now - record.committedAtMs) / 1000);
  }

  deadLettered(letter: Letter): void {
    if (letter.reason === 'quarantined') messagingMetrics.quarantined.inc({ table: this.table.capture.table });
  }

  /** In a batch (`inBatch`) a change to set aside aborts the whole with SetAside; alone, it is returned as a letter. */
  private async applyAll(messages: KafkaMessage[], inBatch: boolean): Promise<AppliedChanges> {
    const applied = await this.keys.lastLsns(this.keysOf(messages));
    const result: AppliedChanges = { outcomes: [], letters: [], records: [] };
    const below = await this.belowHighestApplied();
    for (const message of messages) {
      const handled = await this.apply(message, inBatch, applied, result.records, below);
      result.outcomes.push(typeof handled === 'string' ? handled : 'dead-lettered');
      result.letters.push(typeof handled === 'string' ? undefined : handled);
    }
    await this.keys.recordAll(result.records);
    if (this.restores && result.records.length > 0)
      await this.restores.positions.advance(Math.max(...result.records.map((record) => record.lsn)));
    return result;
  }

  /**
   * Called with each change's position before it is skipped or applied: the first one below the highest
   * position applied makes the guard look at the legacy server (once per transaction); a restored one throws.
   */
  private async belowHighestApplied(): Promise<(lsn: number) => Promise<void>> {
    const highest = this.restores ? await this.restores.positions.highest() : undefined;
    let confirmed = false;
    return async (lsn) => {
      if (highest === undefined || lsn >= highest || confirmed) return;
      await this.restores?.confirmNotRestored(highest);
      confirmed = true;
    };
  }

  private async apply(
    message: KafkaMessage,
    inBatch: boolean,
    applied: Map<string, number>,
    records: KeyRecord[],
    below: (lsn: number) => Promise<void>,
  ): Promise<Outcome | Letter> {
    const setAside = (letter: Letter): Letter => {
      if (inBatch) throw new SetAside(letter.error);
      return letter;
    };
    const decision = decideChange(message.value, this.table, (key) => applied.get(String(key)));
    if (decision.kind === 'duplicate' || decision.kind === 'apply')
      await below(decision.kind === 'duplicate' ? decision.lsn : decision.change.lsn);
    if (decision.kind === 'tombstone' || decision.kind === 'duplicate') return decision.kind;
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
    applied.set(String(change.key), change.lsn);
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

  private keysOf(messages: KafkaMessage[]): K[] {
    return messages
      .map((message) => this.table.capture.keyOf(message.key))
      .filter((key): key is K => key !== undefined);
  }
}
