import { describeError } from '@bascule/shared/application';
import { LegacyKey } from '@bascule/shared/contracts';
import { Applied, Letter, MessageApplier, partitionOf, SetAside } from '@bascule/shared/messaging';
import { inTransaction } from '@bascule/shared/persistence';
import { KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { CaptureFormat } from '../legacy-table';
import { BufferedChange, PgTransactionBuffer, ReleasedTransaction } from './pg-transaction-buffer';
import { RecordedEnd } from './transaction-grouping';

/** What one consumer of a grouped sync reads: one captured table's topic, or the connector's transaction topic. */
export type GroupedSource =
  | { kind: 'changes'; topic: string; capture: CaptureFormat<unknown, LegacyKey> }
  | { kind: 'transactions'; topic: string; readEnd(value: Buffer | null): RecordedEnd | null };

/**
 * Applies released transactions in the transaction that released them: each as one change per aggregate
 * (ADR 0031). Throws to roll the batch back (retried when transient).
 */
export type TransactionReleaser = (transactions: ReleasedTransaction[]) => Promise<void>;

type Read = { change: BufferedChange } | { alone: BufferedChange } | { end: RecordedEnd } | { skip: true } | Letter;

/**
 * The consumer engine's applier for one topic of a grouped legacy sync: in the batch's transaction, buffers
 * the changes (or records the transaction ends) it reads, then releases every transaction now complete to
 * the releaser, whichever topic completed it. A snapshot row (no transaction) is released alone at once.
 */
export class BufferingApplier implements MessageApplier {
  constructor(
    private readonly pool: Pool,
    private readonly buffer: PgTransactionBuffer,
    private readonly source: GroupedSource,
    private readonly release: TransactionReleaser,
  ) {}

  applyTogether(messages: KafkaMessage[]): Promise<Applied> {
    return inTransaction(this.pool, () => this.applyAll(messages, true));
  }

  applyAlone(message: KafkaMessage): Promise<Applied> {
    return inTransaction(this.pool, () => this.applyAll([message], false));
  }

  /** Nothing to count: the releaser's own metrics say what was applied. */
  committed(): void {
    return;
  }

  private async applyAll(messages: KafkaMessage[], inBatch: boolean): Promise<Applied> {
    const applied: Applied = { outcomes: [], letters: [] };
    const changes: BufferedChange[] = [];
    const ends: RecordedEnd[] = [];
    const alone: ReleasedTransaction[] = [];
    await this.buffer.lock();
    for (const message of messages) {
      const read = this.read(message);
      if ('reason' in read) {
        if (inBatch) throw new SetAside(read.error);
        applied.outcomes.push('dead-lettered');
        applied.letters.push(read);
        continue;
      }
      if ('change' in read) changes.push(read.change);
      if ('alone' in read) alone.push({ transactionId: null, changes: [read.alone] });
      if ('end' in read) ends.push(read.end);
      applied.outcomes.push('skip' in read ? 'tombstone' : 'applied');
      applied.letters.push(undefined);
    }
    await this.buffer.buffer(changes);
    await this.buffer.recordEnds(ends);
    const complete = [...alone, ...(await this.buffer.releaseComplete())];
    if (complete.length > 0) await this.release(complete);
    return applied;
  }

  private read(message: KafkaMessage): Read {
    try {
      if (this.source.kind === 'transactions') {
        const end = this.source.readEnd(message.value);
        return end ? { end } : { skip: true };
      }
      const change = this.source.capture.decode(message.value);
      if (!change || !message.value) return { skip: true };
      if (change.transactionId && typeof change.transactionOrder !== 'number')
        throw new Error('a change of a transaction without its order in it');
      const buffered: BufferedChange = {
        transactionId: change.transactionId ?? '',
        table: this.source.capture.table,
        order: change.transactionOrder ?? 0,
        lsn: change.lsn,
        topic: this.source.topic,
        partition: partitionOf(message),
        offset: message.offset,
        key: message.key ?? null,
        value: message.value,
      };
      return change.transactionId ? { change: buffered } : { alone: buffered };
    } catch (error) {
      return { reason: 'malformed', error: describeError(error) };
    }
  }
}
