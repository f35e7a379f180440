import {
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ContractRegistry, EventContract } from '@bascule/shared/contracts';
import { PersonalFields, poolOf } from '@bascule/shared/persistence';
import { ConsumerEngine, ConsumerEngineOptions } from '../consumer/consumer-engine';
import { eventConsumer } from '../consumer/event-consumer';
import { EventHandler } from '../consumer/inbox-applier';
import { DeadLetterPublisher } from '../dead-letter/dead-letter-publisher';
import { EventHandlerDirectory } from './event-handler-directory';
import { KAFKA, PERSONAL_FIELDS } from './messaging.tokens';

const ConsumesEventMetadata = DiscoveryService.createDecorator<{
  type: string;
  version: number;
  answersRepeats: boolean;
}>();

/**
 * Marks a provider's method `(event, tx, delivery) => Promise<void>` as the handler of an event type and version:
 * the provider keeps its dependencies by DI, `ConsumersModule` finds the method when the app starts. With
 * `answersRepeats`, a repeated delivery calls it again with `{ repeated: true }` (a saga participant's answer).
 */
export const ConsumesEvent = (type: string, version = 1, { answersRepeats = false } = {}) =>
  ConsumesEventMetadata({ type, version, answersRepeats });

/** The event types whose `@ConsumesEvent` handler answers repeats. */
export function discoverRepeatAnswers(discovery: DiscoveryService, scanner: MetadataScanner): Set<string> {
  return new Set(
    [...consumingMethods(discovery, scanner)]
      .filter(({ consumed }) => consumed.answersRepeats)
      .map(({ consumed }) => consumed.type),
  );
}

/** Every provider method marked `@ConsumesEvent`, with what it consumes. */
function* consumingMethods(discovery: DiscoveryService, scanner: MetadataScanner) {
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
    for (const method of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const consumed = discovery.getMetadataByDecorator(ConsumesEventMetadata, wrapper, method);
      if (consumed) yield { consumed, handler: (instance[method] as EventHandler).bind(instance) };
    }
  }
}

export interface ConsumersOptions extends Partial<Omit<ConsumerEngineOptions, 'topics'>> {
  /**
   * The consumer group (the service's name): one per context, so each context gets every event once.
   * `EVENT_CONSUMER_GROUP` replaces it (`<service>.<suffix>`, within the service's ACL prefix): a test suite's
   * own group, so two suites running the same service never share, and split, one group's partitions.
   */
  groupId: string;
  /** The topics of the manifest's `consumes`. */
  topics: string[];
  /** The contracts of the events consumed, each with its `@ConsumesEvent` handler (checked at start); a version not given is poison: `unknown-contract`. */
  contracts: readonly EventContract[];
  /**
   * Off: no consumer runs in this process (a deployment that consumes elsewhere). `EVENT_CONSUMERS=off` turns it off
   * too, read at start as OUTBOX_RELAY is: `npm run bench` measures a write path without joining the context's
   * consumer group on a broker other instances of the context share.
   */
  enabled?: boolean;
}

const CONSUMERS_OPTIONS = Symbol('ConsumersOptions');

/** The `@ConsumesEvent` methods of every provider, by event type, each version to its method. */
export function discoverEventHandlers(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  contracts: readonly EventContract[] = [],
): Map<string, EventHandler> {
  const byType = new Map<string, Map<number, EventHandler>>();
  for (const { consumed, handler } of consumingMethods(discovery, scanner)) {
    const versions = byType.get(consumed.type) ?? new Map<number, EventHandler>();
    if (versions.has(consumed.version))
      throw new Error(`${consumed.type} v${consumed.version} has two @ConsumesEvent handlers`);
    versions.set(consumed.version, handler);
    byType.set(consumed.type, versions);
  }
  // A contract consumed without its handler is a wiring mistake: refused at start, not dead-lettered at run time.
  const unhandled = contracts.filter(({ type, version }) => !byType.get(type)?.has(version));
  if (unhandled.length)
    throw new Error(
      `no @ConsumesEvent handler for ${unhandled.map(({ type, version }) => `${type} v${version}`).join(', ')}`,
    );
  return new Map(
    [...byType].map(([type, versions]) => [
      type,
      (event, tx, delivery) => {
        const handler = versions.get(event.version);
        if (!handler) throw new Error(`no handler for ${type} v${event.version}`);
        return handler(event, tx, delivery);
      },
    ]),
  );
}

/** The context's event consumer on the consumer engine, started with the app and stopped with it. */
@Injectable()
export class EventConsumers implements OnApplicationBootstrap, OnApplicationShutdown {
  private engine?: ConsumerEngine;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly dataSource: DataSource,
    @Inject(CONSUMERS_OPTIONS) private readonly options: ConsumersOptions,
    // Given by MessagingModule; a process wired without it has no deferred commands to resume. The token is explicit:
    // the metadata of a type `X | null` names no class, and an optional dependency nobody can find is just absent.
    @Optional() @Inject(EventHandlerDirectory) private readonly directory: EventHandlerDirectory | null,
    @Optional() @Inject(PERSONAL_FIELDS) private readonly personal: PersonalFields | null = null,
  ) {}

  /** Whether it consumes now (false while it starts, after a crash until it is back, after stop). */
  get running(): boolean {
    return this.engine?.running ?? false;
  }

  onApplicationBootstrap(): void {
    const { enabled = true, contracts, ...options } = this.options;
    if (!enabled || process.env.EVENT_CONSUMERS === 'off') return;
    const engine = { ...options, groupId: process.env.EVENT_CONSUMER_GROUP || options.groupId };
    const logger = new Logger(`EventConsumer ${engine.groupId}`);
    const pool = poolOf(this.dataSource);
    const handlers = discoverEventHandlers(this.discovery, this.scanner, contracts);
    this.directory?.register(handlers);
    this.engine = eventConsumer(pool, {
      ...engine,
      kafka: this.kafka,
      deadLetters: this.deadLetters,
      contracts: new ContractRegistry(contracts, { tolerateAddedFields: true }),
      handlers: Object.fromEntries(handlers),
      answersRepeats: discoverRepeatAnswers(this.discovery, this.scanner),
      logger: { warn: (payload, message) => logger.warn({ ...payload, msg: message }) },
      personal: this.personal ?? undefined,
    });
    // Retried in the background until it runs: the broker away or a topic not there yet does not stop the app.
    this.engine.launch();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine?.stop();
  }
}

/** Other contexts' events consumed by this one (ADR 0027). Needs MessagingModule and TypeORM's DataSource. */
@Module({})
export class ConsumersModule {
  static forRoot(options: ConsumersOptions): DynamicModule {
    return {
      module: ConsumersModule,
      imports: [DiscoveryModule],
      providers: [{ provide: CONSUMERS_OPTIONS, useValue: options }, EventConsumers],
      exports: [EventConsumers],
    };
  }
}
