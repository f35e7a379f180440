import { Consumer, ConsumerConfig, ConsumerRunConfig, ConsumerSubscribeTopics, Kafka } from 'kafkajs';
import { backoffDelay, defaultBackoff } from '../failures/backoff';
import { messagingMetrics } from '../messaging-metrics';

export interface SupervisedConsumerOptions {
  config: ConsumerConfig;
  subscription: ConsumerSubscribeTopics;
  run: ConsumerRunConfig;
  logger: { warn(payload: object, message: string): void };
}

/**
 * A kafkajs consumer that comes back after a crash. kafkajs restarts itself after retriable errors only;
 * after any other crash (a non-retriable broker answer, an error thrown by the handler) it stays stopped,
 * which would silently stop consumption. This one is rebuilt with backoff until it runs again.
 */
export class SupervisedConsumer {
  private consumer?: Consumer;
  private stopping = false;
  private restarting?: Promise<void>;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: SupervisedConsumerOptions,
  ) {}

  /** Starts once; throws when the first start fails (the caller decides whether to wait and retry). */
  async start(): Promise<void> {
    const consumer = this.kafka.consumer(this.options.config);
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopping || this.consumer !== consumer) return;
      this.options.logger.warn({ groupId: this.options.config.groupId, err: payload.error }, 'consumer crashed; restarting it');
      this.restarting = this.restart();
    });
    try {
      await consumer.connect();
      await consumer.subscribe(this.options.subscription);
      await consumer.run(this.options.run);
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.restarting;
    await this.consumer?.disconnect();
  }

  private async restart(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    for (let attempt = 1; !this.stopping; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, defaultBackoff)));
      if (this.stopping) return;
      try {
        messagingMetrics.consumerRestarts.inc({ consumer: this.options.config.groupId });
        await this.start();
        return;
      } catch (error) {
        this.options.logger.warn({ groupId: this.options.config.groupId, err: error, attempt }, 'consumer restart failed; retrying');
      }
    }
  }
}
