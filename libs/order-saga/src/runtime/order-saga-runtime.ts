import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ContractRegistry } from '@bascule/shared/contracts';
import { ConsumerEngine, DeadLetterPublisher, eventConsumer, EventHandler, KAFKA } from '@bascule/shared/messaging';
import { poolOf } from '@bascule/shared/persistence';
import { SagaNotFoundError, SagaOrchestrator, sagaContracts, sagaReplyHandlers, SagaTimer } from '@bascule/saga';
import { orderSagas } from '../order-sagas';
import { sagaStarts, sagaStartContracts } from './saga-starts';
import { orderSagaTopics, repliesCatchUpMs, sagaTimerSettings } from './saga-runtime-settings';

/**
 * saga.replies.v1 is every orchestrator's: a reply to a saga this one does not hold (another orchestrator's, or a
 * saga purged) is none of its business, not poison to set aside; it changes nothing, as a stale reply.
 */
function ownRepliesOnly(handlers: Record<string, EventHandler>): Record<string, EventHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([type, handle]) => [
      type,
      async (reply, tx, delivery) => {
        try {
          await handle(reply, tx, delivery);
        } catch (error) {
          if (!(error instanceof SagaNotFoundError)) throw error;
        }
      },
    ]),
  );
}

/** The consumer group of the orchestrator; `EVENT_CONSUMER_GROUP` replaces it (a test suite's own group). */
export const ORDER_SAGA_GROUP = 'order-saga';

/**
 * What drives the sagas, started with the app and stopped with it: ONE consumer (the platform's engine, ADR 0027)
 * of the starting events and of the replies, each applied in its inbox transaction, and the durable timer.
 * `EVENT_CONSUMERS=off` and `SAGA_TIMER=off` leave either out (a process that only serves the API).
 */
@Injectable()
export class OrderSagaRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private engine?: ConsumerEngine;
  private timer?: SagaTimer;
  private readonly logger = new Logger('OrderSagaRuntime');

  constructor(
    private readonly orchestrator: SagaOrchestrator,
    private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly deadLetters: DeadLetterPublisher,
  ) {}

  /** Whether the consumer runs now (false while it starts, after a crash until it is back, after stop). */
  get consuming(): boolean {
    return this.engine?.running ?? false;
  }

  onApplicationBootstrap(): void {
    if (process.env.EVENT_CONSUMERS !== 'off') this.startConsumer();
    if (process.env.SAGA_TIMER !== 'off') {
      const logger = { warn: (payload: object, message: string) => this.logger.warn({ ...payload, msg: message }) };
      this.timer = new SagaTimer(
        this.orchestrator,
        { ...sagaTimerSettings(), repliesFlowing: this.repliesFlowing() },
        logger,
      );
      this.timer.start();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.timer?.stop();
    await this.engine?.stop();
  }

  /**
   * With the consumer in this process: deadlines wait until it has held its partitions for the catch-up time (after
   * a start, a crash or a rebalance). Without it (`EVENT_CONSUMERS=off`), another process reads the replies.
   */
  private repliesFlowing(): (() => boolean) | undefined {
    if (!this.engine) return undefined;
    const catchUpMs = repliesCatchUpMs();
    return () => {
      const since = this.engine?.memberSince;
      return since !== undefined && Date.now() - since >= catchUpMs;
    };
  }

  private startConsumer(): void {
    const groupId = process.env.EVENT_CONSUMER_GROUP || ORDER_SAGA_GROUP;
    const logger = new Logger(`EventConsumer ${groupId}`);
    this.engine = eventConsumer(poolOf(this.dataSource), {
      groupId,
      topics: orderSagaTopics,
      // A new group starts at the end: orders placed before the orchestrator first ran are not its to run (ADR 0065).
      fromBeginning: false,
      kafka: this.kafka,
      deadLetters: this.deadLetters,
      contracts: new ContractRegistry([...sagaStartContracts, ...sagaContracts(orderSagas)], {
        tolerateAddedFields: true,
      }),
      handlers: {
        ...ownRepliesOnly(sagaReplyHandlers(this.orchestrator, orderSagas)),
        ...sagaStarts(this.orchestrator),
      },
      logger: { warn: (payload, message) => logger.warn({ ...payload, msg: message }) },
    });
    // Retried in the background until it runs: the broker away or a topic not there yet does not stop the app.
    this.engine.launch();
  }
}
