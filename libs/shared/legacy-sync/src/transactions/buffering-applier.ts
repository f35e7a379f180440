import { classifyFailure, describeError } from '@bascule/shared/application';
import { DomainError } from '@bascule/shared/ddd';
import { LegacyKey } from '@bascule/shared/contracts';
import {
  Applied,
  DeadLetterPublisher,
  Letter,
  MessageApplier,
  messagingMetrics,
  partitionOf,
  SetAside,
} from '@bascule/shared/messaging';
import { executorOf, inTransaction } from '@bascule/shared/persistence';
import { KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { countCommitted } from '../engine/committed-changes';
import { KeyRecord } from '../key-map/key-record';
import { CaptureFormat } from '../legacy-table';
import { belowHighestApplied, SourceRestoreGuard } from '../source/source-restore-guard';
import { GroupQuarantined } from './legacy-group';
import { BufferedChange, PgTransactionBuffer, ReleasedTransaction } from './pg-transaction-buffer';
import { RecordedEnd } from './transaction-grouping';

/** What one consumer of a grouped sync reads: one captured table's topic, or the connector's transaction topic. */
export type GroupedSource =
  | {
      kind: 'changes';
      topic: string;
      capture: CaptureFormat<unknown, LegacyKey>;
      /** The context's own dead-letter topic of the table (ADR 0044); `<topic>.dlq` without it. */
      deadLetterTopic?: string;
    }
  | { kind: 'transactions'; topic: string; readEnd(value: Buffer | null): RecordedEnd | null };

/** What a release did, by legacy table: the changes applied (as the key map recorded them) and those dropped as erased. */
export interface ReleasedChanges {
  applied: (KeyRecord & { table: string })[];
  /** The table of each change dropped because its aggregate is erased (ADR 0033): counted, never applied nor set aside. */
  erased: string[];
}

/**
 * Applies released transactions in the transaction that released them: each as one change per aggregate
 * (ADR 0031). Throws to roll the batch back (retried when transient).
 */
export type TransactionReleaser = (transactions: ReleasedTransaction[]) => Promise<ReleasedChanges>;

type AppliedReleases = Applied & { released: ReleasedChanges };

type Read = { change: BufferedChange } | { alone: BufferedChange } | { end: RecordedEnd } | { skip: true } | Letter;

/**
 * Where the changes of a transaction its releaser refuses go: each to its table's dead-letter topic (`deadLetterTopicOf`
 * its topic, `<its topic>.dlq` without it), as this consumer's.
 */
export interface RefusedTransactions {
  deadLetters: DeadLetterPublisher;
  consumer: string;
  deadLetterTopicOf?: (topic: string) => string;
  /** A change's value sealed with its subject's key (ADR 0033); without it, or when it answers undefined, it goes as it came. */
  seal?: (change: BufferedChange) => Promise<Buffer | undefined>;
}

/** What the applier needs besides the buffer and the releaser; none of it in unit set-ups. */
export interface BufferingOptions {
  refused?: RefusedTransactions;
  /**
   * The group's restore guard (ADR 0035): a change read below the highest position applied makes it look at the
   * legacy server before the change is buffered; what a release applies advances that position.
   */
  restores?: SourceRestoreGuard;
}

/**
 * The consumer engine's applier for one topic of a grouped legacy sync: in the batch's transaction, buffers
 * the changes (or records the transaction ends) it reads, then releases every transaction now complete to
 * the releaser, whichever topic completed it. A snapshot row (no transaction) is released alone at once.
 * Message by message (the batch failed), each transaction is released apart: one its releaser refuses (a
 * failure not transient) is set aside whole, every change of it dead-lettered, so it does not fail every
 * later batch that would find it complete again.
 */
export class BufferingApplier implements MessageApplier<AppliedReleases> {
  private readonly refused?: RefusedTransactions;
  private readonly restores?: SourceRestoreGuard;

  constructor(
    private readonly pool: Pool,
    private readonly buffer: PgTransactionBuffer,
    private readonly source: GroupedSource,
    private readonly release: TransactionReleaser,
    { refused, restores }: BufferingOptions = {},
  ) {
    this.refused = refused;
    this.restores = restores;
  }

  applyTogether(messages: KafkaMessage[]): Promise<AppliedReleases> {
    return inTransaction(this.pool, () => this.applyAll(messages, true));
  }

  applyAlone(message: KafkaMessage): Promise<AppliedReleases> {
    return inTransaction(this.pool, () => this.applyAll([message], false));
  }

  /** Once the batch committed: by table, the changes dropped as erased counted and the applied ones' lag observed. */
  committed({ released }: AppliedReleases): void {
    const tables = new Set([...released.erased, ...released.applied.map((record) => record.table)]);
    for (const table of tables)
      countCommitted(
        table,
        released.erased.filter((erased) => erased === table).length,
        released.applied.filter((record) => record.table === table),
      );
  }

  private async applyAll(messages: KafkaMessage[], inBatch: boolean): Promise<AppliedReleases> {
    const applied: AppliedReleases = { outcomes: [], letters: [], released: { applied: [], erased: [] } };
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
    const positioned = [...changes, ...alone.flatMap((transaction) => transaction.changes)];
    if (positioned.length > 0) {
      const below = await belowHighestApplied(this.restores);
      for (const change of positioned) await below(change.lsn);
    }
    await this.buffer.buffer(changes);
    await this.buffer.recordEnds(ends);
    const complete = [...alone, ...(await this.buffer.releaseComplete())];
    const released = applied.released;
    const add = ({ applied: records, erased }: ReleasedChanges) => {
      released.applied.push(...records);
      released.erased.push(...erased);
    };
    if (inBatch || !this.refused) {
      if (complete.length > 0) add(await this.release(complete));
    } else for (const transaction of complete) add(await this.releaseApart(transaction, this.refused));
    if (this.restores && released.applied.length > 0)
      await this.restores.positions.advance(Math.max(...released.applied.map((record) => record.lsn)));
    return applied;
  }

  /** Releases one transaction in a savepoint; refused (not a transient failure), dead-letters all its changes. */
  private async releaseApart(transaction: ReleasedTransaction, refused: RefusedTransactions): Promise<ReleasedChanges> {
    const sql = executorOf(this.pool);
    await sql.query('SAVEPOINT release_apart');
    try {
      const released = await this.release([transaction]);
      await sql.query('RELEASE SAVEPOINT release_apart');
      return released;
    } catch (error) {
      if (classifyFailure(error).kind === 'transient') throw error;
      await sql.query('ROLLBACK TO SAVEPOINT release_apart');
      // Rows the ACL or the model cannot take (corrupt ones: quarantined, counted per table), or a handler failing.
      const reason =
        error instanceof GroupQuarantined || error instanceof DomainError ? 'quarantined' : 'handler-failed';
      // Published before the commit: a failed commit redoes it all, so a letter may be doubled, never lost.
      for (const change of transaction.changes) {
        if (reason === 'quarantined') messagingMetrics.quarantined.inc({ table: change.table });
        await refused.deadLetters.publish({
          value: await refused.seal?.(change),
          topic: change.topic,
          partition: change.partition ?? -1,
          message: { key: change.key, value: change.value, offset: change.offset, headers: {} } as KafkaMessage,
          consumer: refused.consumer,
          reason,
          error: describeError(error),
          attempts: 1,
          deadLetterTopic: refused.deadLetterTopicOf?.(change.topic),
        });
      }
      if (transaction.transactionId) await this.buffer.markSetAside(transaction.transactionId);
      return { applied: [], erased: [] };
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
