import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';
import { KAFKA } from './messaging.tokens';

/**
 * The check behind `/health/details`' `kafka` entry and `bascule_dependency_up{check="kafka"}` (not readiness:
 * ADR 0014): the broker answers a metadata request. Every scrape runs it, so it keeps one admin client connected
 * rather than opening (and closing) a connection to the broker per scrape; a failed check drops the client, and
 * the next one starts afresh.
 */
@Injectable()
export class KafkaBrokerCheck implements OnApplicationShutdown {
  private admin?: Admin;

  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  async check(timeoutMs = 2_000): Promise<Record<string, unknown>> {
    const admin = (this.admin ??= this.kafka.admin());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(() => reject(new Error(`broker did not answer within ${timeoutMs} ms`)), timeoutMs)),
    );
    try {
      // Connecting a connected admin client is a no-op.
      await Promise.race([admin.connect(), timeout]);
      const cluster = await Promise.race([admin.describeCluster(), timeout]);
      return { brokers: cluster.brokers.length, controller: cluster.controller };
    } catch (error) {
      if (this.admin === admin) this.admin = undefined;
      await admin.disconnect().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
