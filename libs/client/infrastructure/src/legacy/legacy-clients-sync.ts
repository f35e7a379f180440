import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DeadLetterPublisher, KAFKA } from '@bascule/shared/messaging';
import { poolOf } from '@bascule/shared/persistence';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { checkLegacyCdc, connectorSettingsFromEnv } from './legacy-cdc-readiness';
import { LegacyClientKeys } from './legacy-client-keys';
import { LegacyClientsConsumer } from './legacy-clients.consumer';

export interface LegacySyncSettings {
  enabled: boolean;
  topic: string;
  groupId: string;
}

export const LEGACY_SYNC_SETTINGS = Symbol('LegacySyncSettings');

/**
 * `LEGACY_CDC=off` disables it; `LEGACY_TOPIC_PREFIX` is the connector's `topic.prefix` (default `legacy`).
 * The consumer group (`LEGACY_CONSUMER_GROUP`) follows the prefix by default: instances reading different
 * captures (tests, benchmarks) sharing one group would be assigned each other's topics and consume nothing.
 */
export function legacySyncSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LegacySyncSettings {
  const prefix = env.LEGACY_TOPIC_PREFIX ?? 'legacy';
  const derived = prefix === 'legacy' ? 'client-service.legacy-clients' : `client-service.${prefix}-clients`;
  return {
    enabled: env.LEGACY_CDC !== 'off',
    topic: `${prefix}.public.CLIENTS`,
    groupId: env.LEGACY_CONSUMER_GROUP ?? derived,
  };
}

/**
 * Runs the legacy CLIENTS consumer with the service. A start that fails (the broker away, the topic not
 * created yet) is not a start-up failure: the supervised consumer retries it with backoff, as after a crash.
 */
@Injectable()
export class LegacyClientsSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LegacyClientsSync');
  private consumer?: LegacyClientsConsumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetterPublisher,
    @Inject(LEGACY_SYNC_SETTINGS) private readonly settings: LegacySyncSettings,
  ) {}

  get enabled(): boolean {
    return this.settings.enabled;
  }

  /** For `/health/details` (not readiness): the consumer runs now (not merely once did) and the connector reports RUNNING. */
  details(): Promise<Record<string, unknown>> {
    return checkLegacyCdc(this.settings, this.consumer?.running ?? false, connectorSettingsFromEnv());
  }

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) return;
    const warn = (payload: object, message: string) => this.logger.warn({ ...payload, msg: message });
    this.consumer = new LegacyClientsConsumer(
      this.kafka,
      this.commands,
      new LegacyClientKeys(poolOf(this.dataSource)),
      this.deadLetters,
      this.settings,
      { warn },
    );
    this.consumer.launch();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
