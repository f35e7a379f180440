import { DomainError } from '@bascule/shared/ddd';
import { describeError, isTransient } from '@bascule/shared/application';
import { DeadLetterReason } from '@bascule/shared/messaging';
import { KafkaMessage } from 'kafkajs';
import { KeyRecord } from '../key-map/key-record';
import { PgLegacyKeyMap } from '../key-map/pg-legacy-key-map';
import { legacyMetadata, LegacyTableDefinition } from '../legacy-table';
import { LegacyKey } from '@bascule/shared/contracts';
import { decideChange } from './change-decision';

export type Outcome = 'applied' | 'duplicate' | 'tombstone' | 'dead-lettered';
/** A change set aside in its transaction, published to the dead-letter topic only once that transaction committed. */
export type Letter = { reason: DeadLetterReason; error: string };
export type Applied = { outcomes: Outcome[]; letters: (Letter | undefined)[]; records: KeyRecord[] };

/** Raised inside a batch's transaction when a change must be set aside: the batch is redone change by change. */
export class SetAside extends Error {}

export interface CommandSender {
  execute(command: object): Promise<unknown>;
}

/** Applies captured changes in the caller's transaction: the key map read once, each change decided and sent, recorded in one statement. */
export class ChangeApplier<Row, V, K extends LegacyKey> {
  constructor(
    private readonly table: LegacyTableDefinition<Row, V, K>,
    private readonly keys: PgLegacyKeyMap,
    private readonly commands: CommandSender,
  ) {}

  /** The aggregates these messages are about, read from their keys (for a unit of work to load together). */
  aggregateIdsOf(messages: KafkaMessage[]): string[] {
    return this.keysOf(messages).map((key) => this.table.aggregateIdOf(key));
  }

  /** In a batch (`inBatch`) a change to set aside aborts the whole with SetAside; alone, it is returned as a letter. */
  async applyAll(messages: KafkaMessage[], inBatch: boolean): Promise<Applied> {
    const applied = await this.keys.lastLsns(this.keysOf(messages));
    const result: Applied = { outcomes: [], letters: [], records: [] };
    for (const message of messages) {
      const handled = await this.apply(message, inBatch, applied, result.records);
      result.outcomes.push(typeof handled === 'string' ? handled : 'dead-lettered');
      result.letters.push(typeof handled === 'string' ? undefined : handled);
    }
    await this.keys.recordAll(result.records);
    return result;
  }

  private async apply(
    message: KafkaMessage,
    inBatch: boolean,
    applied: Map<string, number>,
    records: KeyRecord[],
  ): Promise<Outcome | Letter> {
    const setAside = (letter: Letter): Letter => {
      if (inBatch) throw new SetAside(letter.error);
      return letter;
    };
    const decision = decideChange(message.value, this.table, (key) => applied.get(String(key)));
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
