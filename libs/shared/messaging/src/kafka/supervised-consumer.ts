import { Consumer, ConsumerConfig, ConsumerRunConfig, ConsumerSubscribeTopics, Kafka } from 'kafkajs';
import { backoffDelay, BackoffOptions, defaultBackoff } from '../failures/backoff';
import { messagingMetrics } from '../messaging-metrics';

export interface SupervisedConsumerOptions {
  config: ConsumerConfig;
  subscription: ConsumerSubscribeTopics;
  run: ConsumerRunConfig;
  logger: { warn(payload: object, message: string): void };
  /** Waits between restart attempts (`defaultBackoff`: 200 ms doubling up to 10 s). */
  backoff?: BackoffOptions;
}

/**
 * A kafkajs consumer that comes back after a crash. kafkajs restarts itself after retriable errors only;
 * after any other crash (a non-retriable broker answer, an error thrown by the handler) it stays stopped,
 * which would silently stop consumption. This one is rebuilt with backoff until it runs again.
 */
export class SupervisedConsumer {
  private consumer?: Consumer;
  private stopping = false;
  private started = false;
  private restarting?: Promise<void>;
  /** When this consumer last joined its group (partitions assigned); unset while it rebalances, crashed or stopped. */
  private joinedAt?: number;
  private signalStop!: () => void;
  /** Settles when `stop()` is called: wakes a restart's backoff wait and abandons a restart's connect. */
  private readonly stopped = new Promise<void>((resolve) => (this.signalStop = resolve));

  constructor(
    private readonly kafka: Kafka,
    private readonly options: SupervisedConsumerOptions,
  ) {}

  /** Starts once; throws when the first start fails (the caller decides whether to wait and retry). */
  async start(): Promise<void> {
    const consumer = this.kafka.consumer(this.options.config);
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => (this.joinedAt = Date.now()));
    for (const left of [consumer.events.REBALANCING, consumer.events.STOP, consumer.events.DISCONNECT])
      consumer.on(left, () => (this.joinedAt = undefined));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.joinedAt = undefined;
      if (payload.restart || this.stopping || this.consumer !== consumer) return;
      this.options.logger.warn(
        { groupId: this.options.config.groupId, err: payload.error },
        'consumer crashed; restarting it',
      );
      this.restarting = this.restart();
    });
    const unlessStopping = () => {
      if (this.stopping) throw new Error('consumer stopping');
    };
    try {
      await consumer.connect();
      unlessStopping();
      await consumer.subscribe(this.options.subscription);
      unlessStopping();
      await consumer.run(this.options.run);
      unlessStopping();
      this.started = true;
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Starts in the background: a first start that fails (the broker away, the topic not there yet) is
   * retried with the same backoff as a restart after a crash, until it runs or `stop()` is called.
   */
  launch(): void {
    this.restarting = this.start().then(
      () => {
        this.restarting = undefined;
      },
      (error: unknown) => {
        this.options.logger.warn(
          { groupId: this.options.config.groupId, err: error },
          'consumer start failed; retrying',
        );
        return this.restart();
      },
    );
  }

  /** Whether the consumer is running: false before start, after stop, and while a crash is being restarted. */
  get running(): boolean {
    return this.started && !this.restarting && !this.stopping;
  }

  /** Since when it has held its partitions (running and joined), in epoch ms; undefined when it holds none now. */
  get memberSince(): number | undefined {
    return this.running ? this.joinedAt : undefined;
  }

  /**
   * Returns promptly even during a restart: the backoff wait is cut short and a connect in progress
   * (kafkajs may retry one for tens of seconds) is abandoned, that consumer disconnected when it settles.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.signalStop();
    await this.restarting;
    await this.consumer?.disconnect();
  }

  private async restart(): Promise<void> {
    this.started = false;
    await this.consumer?.disconnect().catch(() => undefined);
    for (let attempt = 1; !this.stopping; attempt++) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise(
          (resolve) => (timer = setTimeout(resolve, backoffDelay(attempt, this.options.backoff ?? defaultBackoff))),
        ),
        this.stopped,
      ]);
      clearTimeout(timer);
      if (this.stopping) return;
      messagingMetrics.consumerRestarts.inc({ consumer: this.options.config.groupId });
      // start() itself disconnects a consumer that finishes connecting after stop() was called.
      const starting = this.start().then(
        () => ({ error: undefined }),
        (error: unknown) => ({ error: error ?? new Error('restart failed') }),
      );
      const outcome = await Promise.race([starting, this.stopped.then(() => 'stopped' as const)]);
      if (outcome === 'stopped') return;
      if (outcome.error === undefined) {
        this.restarting = undefined;
        return;
      }
      this.options.logger.warn(
        { groupId: this.options.config.groupId, err: outcome.error, attempt },
        'consumer restart failed; retrying',
      );
    }
  }
}
