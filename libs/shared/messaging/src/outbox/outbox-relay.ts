import { context, propagation, ROOT_CONTEXT, Span, SpanKind, trace } from '@opentelemetry/api';
import { Message, Producer } from 'kafkajs';
import { Client, Pool, PoolClient } from 'pg';
import { backoffDelay } from '../failures/backoff';
import { classifyFailure } from '@bascule/shared/application';
import { compressionFor } from '../kafka/kafka-client';
import { messagingMetrics, registerOutboxBacklog } from '../messaging-metrics';

export interface OutboxRelayOptions {
  /** Names the outbox in metrics and logs (usually the context). */
  name: string;
  batchSize: number;
  /** Fallback poll when no NOTIFY arrives (a lost notification only delays, never loses). */
  pollIntervalMs: number;
  /** Published rows are kept this long for inspection and replay, then purged. */
  retentionMs: number;
  purgeIntervalMs: number;
}

export const defaultRelayOptions: Omit<OutboxRelayOptions, 'name'> = {
  batchSize: 500,
  pollIntervalMs: 1_000,
  retentionMs: 24 * 3600_000,
  purgeIntervalMs: 60_000,
};

interface OutboxRow {
  seq: string;
  aggregateid: string;
  topic: string;
  payload: string;
  headers: Record<string, string>;
  created_ms: number;
}

export interface RelayLogger {
  warn(payload: object, message: string): void;
}

/** The leader's own connection: it holds the advisory lock, and every read and mark of the drain runs on it. */
interface LeaderSession {
  client: PoolClient;
  lost?: Error;
  onError: (error: Error) => void;
  onEnd: () => void;
}

const tracer = trace.getTracer('bascule.outbox-relay');
/**
 * The leader's marks commit without waiting for the WAL flush (`synchronous_commit = off`): a mark lost in a
 * PostgreSQL crash only republishes its rows, which the inbox absorbs, and the next read no longer waits
 * on a disk flush. The rows themselves were committed durably by their writers.
 */
const TAKE_LEAD = `SELECT CASE WHEN pg_try_advisory_lock(hashtext('bascule.outbox'))
  THEN set_config('synchronous_commit', 'off', false) = 'off' ELSE false END AS leader`;
/** Simple protocol, two statements: the connection goes back to its pool as it came. */
const GIVE_LEAD = `SELECT pg_advisory_unlock(hashtext('bascule.outbox')); RESET synchronous_commit`;

const OUTBOX_COLUMNS = 'seq, id, aggregatetype, aggregateid, type, version, topic, payload, headers, created_at';

/**
 * Moves the rows of the batch acknowledged last (`$2`) to `outbox_sent` and reads the next batch, in one round
 * trip. A move deletes the row and appends it to `outbox_sent`: cheaper than updating `sent_at` in place, which
 * cannot be HOT and writes an entry in every outbox index per row. The statement's snapshot still sees the
 * rows it moves, hence they are excluded (`$3`, with the batch in flight). `sent_at IS NULL` skips rows an
 * earlier relay marked in place (until the migration moves them).
 */
const MARK_AND_FETCH = `
  WITH sent AS (DELETE FROM outbox WHERE seq = ANY($2::bigint[]) RETURNING ${OUTBOX_COLUMNS}),
       kept AS (INSERT INTO outbox_sent (${OUTBOX_COLUMNS}, sent_at) SELECT *, clock_timestamp() FROM sent)
  SELECT seq, aggregateid, topic, payload::text AS payload, headers,
         (extract(epoch FROM created_at) * 1000)::float8 AS created_ms
    FROM outbox WHERE sent_at IS NULL AND NOT (seq = ANY($3::bigint[])) ORDER BY seq LIMIT $1`;

/** Published rows past the retention go, a slice at a time; so do rows an earlier relay marked sent in place. */
const PURGE = `
  WITH expired AS (
    DELETE FROM outbox_sent WHERE ctid = ANY (ARRAY(
      SELECT ctid FROM outbox_sent WHERE sent_at < clock_timestamp() - $1::interval LIMIT 10000))
    RETURNING 1),
  marked_in_place AS (
    DELETE FROM outbox WHERE seq IN (
      SELECT seq FROM outbox WHERE sent_at < clock_timestamp() - $1::interval LIMIT 10000)
    RETURNING 1)
  SELECT (SELECT count(*) FROM expired) + (SELECT count(*) FROM marked_in_place) AS purged`;

/**
 * Publishes committed outbox rows to Kafka in `seq` order and marks them sent by moving them to `outbox_sent`
 * (kept there for the retention, then purged). One relay per database
 * is the leader at a time: it holds a session advisory lock on a connection of its own for as long as it
 * runs, and reads and marks only on that connection, so a leader whose connection dies cannot mark
 * anything once a standby has taken the lock. A row committed late with a lower `seq` is still unsent and
 * goes out in the next read; per aggregate, rows commit in version order (the aggregate row's version
 * check serialises them). A crash between the Kafka ack and the mark republishes the batch: consumers
 * deduplicate by event id (inbox), so nothing is lost and nothing is applied twice. A batch read ahead is sent
 * only once the lock's session answered again (`confirmLead`), and sends are one at a time: of the batches a
 * leader read, at most the one in flight when it lost its session is also published by the next leader.
 */
export class OutboxRelay {
  private listener?: Client;
  private leader?: LeaderSession;
  private stopping = false;
  private onStop: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.onStop = resolve));
  /** A notification (or a reconnect) arrived since the last read began: the next idle returns at once. */
  private woken = false;
  private waiting?: () => void;
  /** Rows of the last batch Kafka acknowledged, to mark sent (move) by the next read. */
  private acked: OutboxRow[] = [];
  private loop?: Promise<void>;
  private purgeTimer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    private readonly pool: Pool,
    private readonly producer: Producer,
    private readonly options: OutboxRelayOptions,
    private readonly logger: RelayLogger = console,
  ) {}

  async start(): Promise<void> {
    registerOutboxBacklog(this.options.name, () => this.backlog());
    await this.listen(1);
    this.loop = this.run();
    this.purgeTimer = setInterval(
      () => void this.purge().catch((error) => this.logger.warn({ err: error }, 'outbox purge failed')),
      this.options.purgeIntervalMs,
    );
    this.purgeTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.onStop();
    clearInterval(this.purgeTimer);
    clearTimeout(this.reconnectTimer);
    this.wake();
    await this.loop;
    if (this.leader && !this.leader.lost)
      await this.markAcked(this.leader).catch((error) =>
        this.logger.warn({ err: error }, 'outbox relay stopped before marking its last batch; it goes out again'),
      );
    await this.resign();
    await this.listener?.end().catch(() => undefined);
  }

  async backlog(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL');
    return Number(rows[0].n);
  }

  /**
   * One drain by a relay that is not running (tests, the bench): leads if no other relay does, publishes
   * every row unsent right now, marks them and gives the lead back. Returns how many (0 when another relay leads).
   */
  async publishBatch(): Promise<number> {
    try {
      const leader = await this.lead();
      if (!leader) return 0;
      const published = await this.drain(leader);
      await this.markAcked(leader);
      return published;
    } finally {
      await this.resign();
    }
  }

  /**
   * Publishes batch after batch until nothing more is committed. A full batch means more are waiting: while
   * it is on its way to Kafka, one statement moves the batch acknowledged before it and reads the next, so a
   * batch costs one round trip to PostgreSQL, overlapped with the send, and the batch read ahead goes out once
   * the lock's session answered again (`confirmLead`). A short batch is followed, once acknowledged, by a read
   * only if a commit was notified since the last read began: that read catches every commit made during the
   * send (read ahead, the commits made after it would wait for one more send) and needs no fencing, being
   * itself the proof of the lead. Otherwise the drain ends, and its last batch is moved by the next drain's first
   * read (at the latest one poll later): a lone event costs one read and one send.
   */
  private async drain(leader: LeaderSession): Promise<number> {
    let published = 0;
    let batch = await this.markAndFetch(leader, this.acked, this.acked);
    this.acked = [];
    while (batch.length > 0 && !this.stopping) {
      const sent = this.send(batch);
      const readAhead =
        batch.length === this.options.batchSize
          ? this.markAndFetch(leader, this.acked, [...this.acked, ...batch])
          : undefined;
      const [next] = await Promise.all([readAhead, sent]);
      this.record(batch);
      published += batch.length;
      if (next) {
        this.acked = batch;
        batch = next;
        if (batch.length > 0) await this.confirmLead(leader);
      } else {
        this.acked = [...this.acked, ...batch];
        if (!this.woken || this.stopping) break;
        batch = await this.markAndFetch(leader, this.acked, this.acked);
        this.acked = [];
      }
    }
    return published;
  }

  /**
   * Fencing before a batch read ahead goes out (ADR 0035): the batch was read on the lock's session, but
   * perhaps long before (while the previous one was sent). If that session is gone, its lock is free and
   * a standby may already be publishing the same unmarked rows: this relay drops the batch instead of sending
   * it. A query answered on the session proves the session, hence its advisory lock, still lives. A batch read
   * and sent at once needs no such check (its read was the proof); what stays possible is a send already under
   * way when the session dies, republished by the new leader (at least once; consumers deduplicate).
   */
  private async confirmLead(leader: LeaderSession): Promise<void> {
    if (leader.lost) throw leader.lost;
    try {
      await leader.client.query({ name: 'outbox-confirm-lead', text: 'SELECT 1' });
    } catch (error) {
      leader.lost ??= error as Error;
      throw error;
    }
    if (leader.lost) throw leader.lost;
  }

  private async markAcked(leader: LeaderSession): Promise<void> {
    if (this.acked.length === 0) return;
    await this.markAndFetch(leader, this.acked, this.acked, 0);
    this.acked = [];
  }

  private async markAndFetch(
    leader: LeaderSession,
    mark: OutboxRow[],
    excluded: OutboxRow[],
    limit = this.options.batchSize,
  ): Promise<OutboxRow[]> {
    if (leader.lost) throw leader.lost;
    if (limit > 0) this.woken = false; // a commit notified from now on may be past this read
    // Named, so the session parses it once and PostgreSQL can keep its plan.
    const { rows } = await leader.client.query<OutboxRow>({
      name: 'outbox-mark-and-fetch',
      text: MARK_AND_FETCH,
      values: [limit, mark.map((r) => r.seq), excluded.map((r) => r.seq)],
    });
    return rows;
  }

  /** The leader session, kept across drains; undefined while another relay holds the lock. */
  private async lead(): Promise<LeaderSession | undefined> {
    if (this.leader && !this.leader.lost) return this.leader;
    await this.resign();
    const client = await this.pool.connect();
    const session: LeaderSession = {
      client,
      onError: (error) => {
        session.lost ??= error;
        this.wake();
      },
      onEnd: () => session.onError(new Error('outbox leader connection ended')),
    };
    client.on('error', session.onError);
    client.on('end', session.onEnd);
    try {
      this.woken = false; // a standby tries again at the next notification, not at once
      const { rows } = await client.query<{ leader: boolean }>(TAKE_LEAD);
      if (!rows[0].leader) {
        this.release(session);
        return undefined;
      }
      this.leader = session;
      return session;
    } catch (error) {
      session.lost ??= error as Error;
      this.release(session);
      throw error;
    }
  }

  /** Gives the lead back: unlocks and returns the connection, or drops it when it is broken. */
  private async resign(): Promise<void> {
    const session = this.leader;
    if (!session) return;
    this.leader = undefined;
    if (!session.lost)
      await session.client.query(GIVE_LEAD).catch((error: Error) => {
        session.lost = error;
      });
    this.release(session);
  }

  private release({ client, onError, onEnd, lost }: LeaderSession): void {
    client.off('error', onError);
    client.off('end', onEnd);
    if (lost) client.on('error', () => undefined); // closing a broken connection may still report its error
    // A broken connection is closed, which frees its lock if the server still held it.
    client.release(lost ?? false);
  }

  async purge(): Promise<number> {
    const { rows } = await this.pool.query<{ purged: string }>(PURGE, [`${this.options.retentionMs} milliseconds`]);
    return Number(rows[0].purged);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const leader = await this.lead();
        if (leader) await this.drain(leader);
        failures = 0;
        await this.idle(this.options.pollIntervalMs);
      } catch (error) {
        failures += 1;
        const failure = classifyFailure(error);
        messagingMetrics.relayErrors.inc({ outbox: this.options.name });
        if (failure.kind === 'transient')
          messagingMetrics.transientFailures.inc({
            component: `outbox-relay:${this.options.name}`,
            reason: failure.reason,
          });
        this.logger.warn({ err: error, failures, reason: failure.reason }, 'outbox relay batch failed, retrying');
        await this.sleep(backoffDelay(failures, { initialMs: 200, maxMs: 5_000 }), this.stopped);
      }
    }
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const spans: Span[] = [];
    const byTopic = new Map<string, Message[]>();
    for (const row of rows) {
      const { headers, span } = this.continueTrace(row);
      spans.push(span);
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.aggregateid, value: row.payload, headers });
      byTopic.set(row.topic, messages);
    }
    try {
      await this.producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        acks: -1,
        compression: compressionFor([...byTopic.values()].flat()),
      });
    } finally {
      spans.forEach((span) => span.end());
    }
  }

  /** The publish span is a child of the request that wrote the row, so one trace spans request → consumer. */
  private continueTrace(row: OutboxRow): { headers: Record<string, string>; span: Span } {
    const parent = propagation.extract(ROOT_CONTEXT, row.headers);
    const span = tracer.startSpan(
      `${row.topic} publish`,
      { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': row.topic } },
      parent,
    );
    const headers = { ...row.headers };
    propagation.inject(trace.setSpan(context.active(), span), headers);
    return { headers, span };
  }

  private record(rows: OutboxRow[]): void {
    const now = Date.now();
    for (const row of rows) {
      messagingMetrics.outboxPublished.inc({ outbox: this.options.name, topic: row.topic });
      messagingMetrics.relayLag.observe({ outbox: this.options.name }, (now - row.created_ms) / 1000);
    }
  }

  /**
   * The LISTEN connection, reconnected with backoff for as long as the relay runs; meanwhile the poll
   * keeps publishing (only the wake-up on commit is lost), and a reconnect wakes the relay for what
   * was committed in between.
   */
  private async listen(attempt: number): Promise<void> {
    if (this.stopping) return;
    const listener = new Client({ ...(this.pool as unknown as { options: object }).options });
    let lost = false;
    const reconnect = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.listener === listener) this.listener = undefined;
      void listener.end().catch(() => undefined);
      if (this.stopping) return;
      const delay = backoffDelay(attempt, { initialMs: 200, maxMs: 10_000 });
      this.logger.warn(
        { err: error, attempt, retryInMs: delay },
        'outbox LISTEN connection lost; polling until it is back',
      );
      this.reconnectTimer = setTimeout(() => void this.listen(attempt + 1), delay);
      this.reconnectTimer.unref();
    };
    listener.on('notification', () => this.wake());
    listener.on('error', reconnect);
    listener.on('end', () => reconnect(new Error('LISTEN connection ended')));
    try {
      await listener.connect();
      await listener.query('LISTEN outbox');
      if (this.stopping) return void (await listener.end().catch(() => undefined));
      this.listener = listener;
      attempt = 0;
      this.wake();
    } catch (error) {
      reconnect(error as Error);
    }
  }

  /** Waits for a notification (returns at once for one that came during the drain), or `ms` at most. */
  private idle(ms: number): Promise<void> {
    return this.sleep(ms, this.notified());
  }

  /** Waits `ms`, less if `until` settles first. */
  private sleep(ms: number, until: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([until, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() =>
      clearTimeout(timer),
    );
  }

  /** Resolves at the next notification, or at once if one came since the last read began (or on stop). */
  private notified(): Promise<void> {
    if (this.woken || this.stopping) return Promise.resolve();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private wake(): void {
    this.woken = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}
