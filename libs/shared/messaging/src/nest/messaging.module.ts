import {
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ContractRegistry } from '@bascule/shared/contracts';
import { EventContract } from '@bascule/shared/contracts';
import { DeadLetterPublisher } from '../dead-letter/dead-letter-publisher';
import { guardPool } from '@bascule/shared/persistence';
import { createIdempotentProducer, createKafka, kafkaSettingsFromEnv } from '../kafka/kafka-client';
import { connectWhenReachable } from '../kafka/producer-connection';
import { defaultRelayOptions, OutboxRelay, OutboxRelayOptions } from '../outbox/outbox-relay';
import { OutboxWriter } from '@bascule/shared/persistence';
import { RetentionPurger, RetentionRule, retentionSettingsFromEnv } from '../retention/retention-purge';
import { poolOf } from '@bascule/shared/persistence';
import { KafkaBrokerCheck } from './kafka-readiness';
import { CONTRACTS, KAFKA, KAFKA_PRODUCER } from './messaging.tokens';

export interface MessagingOptions {
  clientId: string;
  contracts: readonly EventContract[];
  /**
   * Run the outbox relay in this process (the default); a deployment may run it apart instead.
   * Given as a function, it is called when the app is built (so settings read from the environment then, not at import).
   */
  relay?: RelaySettings | (() => RelaySettings);
  /** Tables purged after a retention besides the inbox (which always is: `INBOX_RETENTION_MS`); a function is called when the app is built. */
  retention?: RetentionRule[] | (() => RetentionRule[]);
}

type RelaySettings = Partial<OutboxRelayOptions> & { enabled?: boolean };
const valueOf = <T extends object>(setting: T | (() => T) | undefined): T | undefined =>
  typeof setting === 'function' ? setting() : setting;

const RELAY_OPTIONS = Symbol('RelayOptions');
const RETENTION_RULES = Symbol('RetentionRules');

const warnTo = (logger: Logger) => ({
  warn: (payload: object, message: string) => logger.warn({ ...payload, msg: message }),
});

/** TypeORM's pool (the one the service's requests use) survives its connections being terminated. */
@Injectable()
class DatabasePoolGuard implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    guardPool(poolOf(this.dataSource), 'service', warnTo(new Logger('DatabasePool')));
  }
}

/** Purges the inbox and the other tables given after their retention, one replica at a time. */
@Injectable()
class RetentionLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private purger?: RetentionPurger;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(RETENTION_RULES) private readonly rules: RetentionRule[],
  ) {}

  onApplicationBootstrap(): void {
    const settings = retentionSettingsFromEnv();
    const rules = [{ table: 'inbox', column: 'processed_at', retentionMs: settings.inboxRetentionMs }, ...this.rules];
    this.purger = new RetentionPurger(poolOf(this.dataSource), rules, warnTo(new Logger('RetentionPurge')));
    this.purger.start(settings.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.purger?.stop();
  }
}

/** Starts the relay once the app is up and stops it (then the producer) on shutdown. */
@Injectable()
class RelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay?: OutboxRelay;
  private pool?: Pool;
  private readonly logger = new Logger('OutboxRelay');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(RELAY_OPTIONS) private readonly options: OutboxRelayOptions & { enabled: boolean },
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.enabled) return;
    // The service pool's settings (timeouts included): the leader's session, the purge, the backlog gauge.
    this.pool = guardPool(
      new Pool({ ...poolOf(this.dataSource).options, max: 3 }),
      'outbox-relay',
      warnTo(this.logger),
    );
    this.relay = new OutboxRelay(this.pool, this.producer, this.options, warnTo(this.logger));
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.pool?.end();
    await this.producer.disconnect();
  }
}

/** Kafka client, idempotent producer, contracts, outbox writer and relay, and dead letters for one service. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: KAFKA, useFactory: () => createKafka(kafkaSettingsFromEnv(options.clientId)) },
        {
          provide: KAFKA_PRODUCER,
          inject: [KAFKA],
          // Never awaited at start-up: the service takes writes into its outbox while the broker is away.
          useFactory: (kafka: Kafka) =>
            connectWhenReachable(createIdempotentProducer(kafka), warnTo(new Logger('KafkaProducer'))),
        },
        { provide: CONTRACTS, useFactory: () => new ContractRegistry(options.contracts) },
        {
          provide: OutboxWriter,
          inject: [CONTRACTS],
          useFactory: (contracts: ContractRegistry) => new OutboxWriter(contracts),
        },
        {
          provide: DeadLetterPublisher,
          inject: [KAFKA_PRODUCER],
          useFactory: (producer: Producer) => new DeadLetterPublisher(producer),
        },
        {
          provide: RELAY_OPTIONS,
          useFactory: () => ({
            ...defaultRelayOptions,
            name: options.clientId,
            enabled: true,
            ...valueOf(options.relay),
          }),
        },
        { provide: RETENTION_RULES, useFactory: () => valueOf(options.retention) ?? [] },
        KafkaBrokerCheck,
        DatabasePoolGuard,
        RetentionLifecycle,
        RelayLifecycle,
      ],
      exports: [KAFKA, KAFKA_PRODUCER, KafkaBrokerCheck, CONTRACTS, OutboxWriter, DeadLetterPublisher],
    };
  }
}
