import { EachBatchPayload } from 'kafkajs';

type Committing = Pick<EachBatchPayload, 'uncommittedOffsets' | 'commitOffsetsIfNecessary'>;

/**
 * Commits the resolved offsets of every partition together, once per interval, instead of after each
 * partition's batch as kafkajs's autoCommit does: with a dozen partitions, a fetch cycle queued a dozen
 * OffsetCommit requests on the broker before the next fetch could start (ADR 0020). An offset committed
 * later is only redelivered after a stop or a rebalance, and skipped by its position in the key map.
 */
export class OffsetCommits {
  private timer?: NodeJS.Timeout;
  private latest?: Committing;

  constructor(
    private readonly intervalMs: number,
    private readonly logger: { warn(payload: object, message: string): void },
  ) {}

  /** After a batch resolved its offsets: they are committed within the interval, with whatever else is resolved by then. */
  soon(payload: Committing): void {
    this.latest = payload;
    if (this.stopping) return; // committed by the batch itself (`now`), while the consumer is still connected
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /**
   * From the stop on, a batch still in flight commits its offsets itself before it returns: a timer armed then
   * would fire after the consumer disconnected, and those batches would be redelivered (and their dead letters
   * sent again).
   */
  stopping = false;

  /** Commits what `payload` resolved right away (a batch finishing while the consumer stops). */
  async now(payload: Committing): Promise<void> {
    this.latest = payload;
    await this.flush();
  }

  /** Commits now what is resolved and not yet committed (also before the consumer stops). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const offsets = this.latest?.uncommittedOffsets();
    if (!this.latest || !offsets || offsets.topics.length === 0) return;
    try {
      await this.latest.commitOffsetsIfNecessary(offsets);
    } catch (error) {
      // A rebalance or a stop in between: the new owner (or the next start) gets these changes again.
      this.logger.warn({ err: error }, 'offsets not committed; their changes will be redelivered and skipped');
    }
  }
}
