import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { ContractRegistry } from '../contracts/contract-registry';
import { EventContract } from '../contracts/event-contract';
import { DeadLetterPublisher } from '../dead-letter/dead-letter-publisher';
import { createIdempotentProducer, createKafka, kafkaSettingsFromEnv } from '../kafka/kafka-client';
import { defaultRelayOptions, OutboxRelay, OutboxRelayOptions } from '../outbox/outbox-relay';
import { OutboxWriter } from '../outbox/outbox-writer';
import { CONTRACTS, KAFKA, KAFKA_PRODUCER } from './messaging.tokens';

export interface MessagingOptions {
  clientId: string;
  contracts: readonly EventContract[];
  /** Run the outbox relay in this process (the default); a deployment may run it apart instead. */
  relay?: Partial<OutboxRelayOptions> & { enabled?: boolean };
}

const RELAY_OPTIONS = Symbol('RelayOptions');

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
    const db = this.dataSource.options as PostgresConnectionOptions;
    this.pool = new Pool({ host: db.host, port: db.port, user: db.username, password: db.password as string, database: db.database, max: 3 }); // leader lock, read-ahead, marking
    this.relay = new OutboxRelay(this.pool, this.producer, this.options, { warn: (payload, message) => this.logger.warn({ ...payload, msg: message }) });
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
          useFactory: async (kafka: Kafka) => {
            const producer = createIdempotentProducer(kafka);
            await producer.connect();
            return producer;
          },
        },
        { provide: CONTRACTS, useFactory: () => new ContractRegistry(options.contracts) },
        { provide: OutboxWriter, inject: [CONTRACTS], useFactory: (contracts: ContractRegistry) => new OutboxWriter(contracts) },
        { provide: DeadLetterPublisher, inject: [KAFKA_PRODUCER], useFactory: (producer: Producer) => new DeadLetterPublisher(producer) },
        { provide: RELAY_OPTIONS, useValue: { ...defaultRelayOptions, name: options.clientId, enabled: true, ...options.relay } },
        RelayLifecycle,
      ],
      exports: [KAFKA, KAFKA_PRODUCER, CONTRACTS, OutboxWriter, DeadLetterPublisher],
    };
  }
}
