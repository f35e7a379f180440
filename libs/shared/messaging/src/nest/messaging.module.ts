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
import { ContractRegistry, personalFieldsOf } from '@bascule/shared/contracts';
import { EventContract } from '@bascule/shared/contracts';
import { DeadLetterPublisher } from '../dead-letter/dead-letter-publisher';
import { guardPool } from '@bascule/shared/persistence';
import { createIdempotentProducer, createKafka, kafkaSettingsFromEnv } from '../kafka/kafka-client';
import { connectWhenReachable } from '../kafka/producer-connection';
import { defaultRelayOptions, OutboxRelay, OutboxRelayOptions } from '../outbox/outbox-relay';
import { MasterKey, OutboxWriter, PersonalFields, SubjectKeys } from '@bascule/shared/persistence';
import { RetentionPurger, RetentionRule, retentionSettingsFromEnv } from '../retention/retention-purge';
import { poolOf, rowsOf } from '@bascule/shared/persistence';
import { EventHandlerDirectory } from './event-handler-directory';
import { KafkaBrokerCheck } from './kafka-readiness';
import { CONTRACTS, KAFKA, KAFKA_PRODUCER, PERSONAL_FIELDS } from './messaging.tokens';

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

const SUBJECT_KEYS = Symbol('SUBJECT_KEYS');

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

/**
 * A start with the master keys the stored data keys need (ADR 0033): a key id the secrets lost, or a wrong key
 * under a right id, stops the service naming it, rather than failing each read of those subjects later.
 */
@Injectable()
class MasterKeysCheck implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeys | null,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.keys?.checkMasterKeys(rowsOf(poolOf(this.dataSource)));
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
          provide: SUBJECT_KEYS,
          // The master key is required only where a contract has personal fields (ADR 0033): a start without it fails.
          useFactory: () =>
            options.contracts.some((contract) => personalFieldsOf(contract).length > 0)
              ? new SubjectKeys(MasterKey.fromEnv())
              : null,
        },
        {
          provide: PERSONAL_FIELDS,
          inject: [SUBJECT_KEYS],
          useFactory: (keys: SubjectKeys | null) => (keys ? new PersonalFields(keys) : null),
        },
        MasterKeysCheck,
        {
          provide: OutboxWriter,
          inject: [CONTRACTS, PERSONAL_FIELDS],
          useFactory: (contracts: ContractRegistry, personal: PersonalFields | null) =>
            new OutboxWriter(contracts, personal ?? undefined),
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
        EventHandlerDirectory,
        KafkaBrokerCheck,
        DatabasePoolGuard,
        RetentionLifecycle,
        RelayLifecycle,
      ],
      exports: [
        KAFKA,
        KAFKA_PRODUCER,
        KafkaBrokerCheck,
        CONTRACTS,
        PERSONAL_FIELDS,
        OutboxWriter,
        DeadLetterPublisher,
        EventHandlerDirectory,
      ],
    };
  }
}
