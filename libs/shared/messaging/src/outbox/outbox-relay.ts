import { context, propagation, ROOT_CONTEXT, Span, SpanKind, trace } from '@opentelemetry/api';
import { Message, Producer } from 'kafkajs';
import { Client, Pool } from 'pg';
import { backoffDelay } from '../failures/backoff';
import { classifyFailure } from '@bascule/shared/application';
import { EVENT_COMPRESSION } from '../kafka/kafka-client';
import { messagingMetrics, registerOutboxBacklog } from '../messaging-metrics';

export interface OutboxRelayOptions {
  /** Names the outbox in metrics and logs (usually the context). */
  name: string;
  batchSize: number;
  /** After a wake-up, wait this long so the commits of the next few ms share one Kafka round trip. */
  lingerMs: number;
  /** Fallback poll when no NOTIFY arrives (a lost notification only delays, never loses). */
  pollIntervalMs: number;
  /** Published rows are kept this long for inspection and replay, then purged. */
  retentionMs: number;
  purgeIntervalMs: number;
}

export const defaultRelayOptions: Omit<OutboxRelayOptions, 'name'> = {
  batchSize: 500,
  lingerMs: 5,
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

const tracer = trace.getTracer('bascule.outbox-relay');

/**
 * Publishes committed outbox rows to Kafka in `seq` order and marks them sent. One relay per database
 * is the leader at a time (a session advisory lock held while it drains), which keeps per-aggregate
 * order while standby relays take over at once. A row committed late with a lower `seq` is still unsent
 * and goes out in the next drain; per aggregate, rows commit in version order (the aggregate row's
 * version check serialises them). A crash between the Kafka ack and the UPDATE republishes the batch:
 * consumers deduplicate by event id (inbox), so nothing is lost and nothing is applied twice.
 */
export class OutboxRelay {
  private listener?: Client;
  private stopping = false;
  private wake: () => void = () => undefined;
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
    clearInterval(this.purgeTimer);
    clearTimeout(this.reconnectTimer);
    this.wake();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  async backlog(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL');
    return Number(rows[0].n);
  }

  /**
   * Publishes every row unsent right now, batch after batch, and returns how many (0 when another relay is
   * the leader). While batch N is on its way to Kafka, batch N+1 is read; while N+1 is sent, N is marked.
   * Rows of a batch still being marked are excluded from the next read, so nothing goes out twice.
   */
  async publishBatch(): Promise<number> {
    const leader = await this.pool.connect();
    let published = 0;
    let marking: Promise<unknown> = Promise.resolve();
    try {
      const { rows } = await leader.query<{ leader: boolean }>(
        `SELECT pg_try_advisory_lock(hashtext('bascule.outbox')) AS leader`,
      );
      if (!rows[0].leader) return 0;
      try {
        let marked: OutboxRow[] = [];
        let batch = await this.fetch([]);
        while (batch.length > 0 && !this.stopping) {
          const [next] = await Promise.all([this.fetch([...marked, ...batch]), this.send(batch)]);
          await marking;
          marked = batch;
          marking = this.pool.query('UPDATE outbox SET sent_at = clock_timestamp() WHERE seq = ANY($1::bigint[])', [
            batch.map((r) => r.seq),
          ]);
          marking.catch(() => undefined); // awaited below; a connection lost meanwhile must not be an unhandled rejection
          this.record(batch);
          published += batch.length;
          batch = next;
        }
        await marking;
      } finally {
        await marking.catch(() => undefined);
        await leader.query(`SELECT pg_advisory_unlock(hashtext('bascule.outbox'))`);
      }
      return published;
    } finally {
      leader.release();
    }
  }

  async purge(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE sent_at < clock_timestamp() - $1::interval LIMIT 10000)`,
      [`${this.options.retentionMs} milliseconds`],
    );
    return rowCount ?? 0;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const published = await this.publishBatch();
        failures = 0;
        if (published < this.options.batchSize) {
          await this.idle(this.options.pollIntervalMs);
          if (this.options.lingerMs > 0 && !this.stopping)
            await new Promise((resolve) => setTimeout(resolve, this.options.lingerMs));
        }
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
        await this.idle(backoffDelay(failures, { initialMs: 200, maxMs: 5_000 }));
      }
    }
  }

  private async fetch(excluded: OutboxRow[]): Promise<OutboxRow[]> {
    const { rows } = await this.pool.query<OutboxRow>(
      `SELECT seq, aggregateid, topic, payload::text AS payload, headers, (extract(epoch FROM created_at) * 1000)::float8 AS created_ms
         FROM outbox WHERE sent_at IS NULL AND NOT (seq = ANY($2::bigint[])) ORDER BY seq LIMIT $1`,
      [this.options.batchSize, excluded.map((r) => r.seq)],
    );
    return rows;
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
        compression: EVENT_COMPRESSION,
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

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
