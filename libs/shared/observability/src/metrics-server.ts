import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig, observerOnly, TokenVerifier } from '@bascule/shared/auth';
import Fastify, { FastifyInstance } from 'fastify';
import { AddressInfo } from 'node:net';
import { metricsRegistry } from './http-metrics';

/**
 * `/metrics` on a management port of its own, apart from the public API: a scrape is never rate limited nor
 * queued behind API traffic, and the port need not be published outside the cluster (ADR 0034). Same access rule
 * as before: METRICS_PUBLIC, or a token with the observer role.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private address?: { host: string; port: number };
  private server?: FastifyInstance;

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly verifier: TokenVerifier,
  ) {}

  /** Where to listen once the app starts (port 0: any free port, as tests use). */
  listenOn(host: string, port: number): void {
    this.address = { host, port };
  }

  /** `http://host:port`, once listening. */
  get url(): string | undefined {
    const bound = this.server?.server.address() as AddressInfo | null | undefined;
    return bound && this.address ? `http://${this.address.host}:${bound.port}` : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.address) return;
    const server = Fastify({ connectionTimeout: 30_000, requestTimeout: 10_000 });
    if (!this.config.metricsPublic) server.addHook('onRequest', observerOnly(this.verifier));
    server.get('/metrics', async (_request, reply) =>
      reply.header('content-type', metricsRegistry.contentType).send(await metricsRegistry.metrics()),
    );
    await server.listen(this.address);
    this.server = server;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }
}
