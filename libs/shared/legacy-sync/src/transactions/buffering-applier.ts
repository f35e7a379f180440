import { classifyFailure, describeError } from '@bascule/shared/application';
import { LegacyKey } from '@bascule/shared/contracts';
import { Applied, DeadLetterPublisher, Letter, MessageApplier, partitionOf, SetAside } from '@bascule/shared/messaging';
import { executorOf, inTransaction } from '@bascule/shared/persistence';
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

/** Where the changes of a transaction its releaser refuses go: each to `<its topic>.dlq`, as this consumer's. */
export interface RefusedTransactions {
  deadLetters: DeadLetterPublisher;
  consumer: string;
}

/**
 * The consumer engine's applier for one topic of a grouped legacy sync: in the batch's transaction, buffers
 * the changes (or records the transaction ends) it reads, then releases every transaction now complete to
 * the releaser, whichever topic completed it. A snapshot row (no transaction) is released alone at once.
 * Message by message (the batch failed), each transaction is released apart: one its releaser refuses (a
 * failure not transient) is set aside whole, every change of it dead-lettered, so it does not fail every
 * later batch that would find it complete again.
 */
export class BufferingApplier implements MessageApplier {
  constructor(
    private readonly pool: Pool,
    private readonly buffer: PgTransactionBuffer,
    private readonly source: GroupedSource,
    private readonly release: TransactionReleaser,
    private readonly refused?: RefusedTransactions,
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
    if (inBatch || !this.refused) {
      if (complete.length > 0) await this.release(complete);
    } else for (const transaction of complete) await this.releaseApart(transaction, this.refused);
    return applied;
  }

  /** Releases one transaction in a savepoint; refused (not a transient failure), dead-letters all its changes. */
  private async releaseApart(transaction: ReleasedTransaction, refused: RefusedTransactions): Promise<void> {
    const sql = executorOf(this.pool);
    await sql.query('SAVEPOINT release_apart');
    try {
      await this.release([transaction]);
      await sql.query('RELEASE SAVEPOINT release_apart');
      return;
    } catch (error) {
      if (classifyFailure(error).kind === 'transient') throw error;
      await sql.query('ROLLBACK TO SAVEPOINT release_apart');
      // Published before the commit: a failed commit redoes it all, so a letter may be doubled, never lost.
      for (const change of transaction.changes)
        await refused.deadLetters.publish({
          topic: change.topic,
          partition: change.partition ?? -1,
          message: { key: change.key, value: change.value, offset: change.offset, headers: {} } as KafkaMessage,
          consumer: refused.consumer,
          reason: 'handler-failed',
          error: describeError(error),
          attempts: 1,
        });
      if (transaction.transactionId) await this.buffer.markSetAside(transaction.transactionId);
    }
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
