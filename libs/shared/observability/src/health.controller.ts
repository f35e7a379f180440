import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { OBSERVER_ROLE, Public, PublicWhen } from '@bascule/shared/auth';
import { exposeAsMetrics, runCheck } from './dependency-metrics';
import { DETAIL_CHECKS, READINESS_CHECKS, ReadinessCheck } from './readiness-check';

/**
 * Kubernetes probes: live = the process answers; ready = it can serve requests (its database answers).
 * The broker, Kafka Connect and the consumers are in `/health/details` and `bascule_dependency_up`, not in
 * readiness: the outbox lets writes go on while the broker is away, and taking every replica out of the
 * load balancer for it would turn a broker outage into a full outage (docs/adr/0014).
 */
@ApiExcludeController()
@Controller('health')
@Public()
@SkipThrottle() // probes come from every node's kubelet, often from one address: never rate limited
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly readiness: ReadinessCheck[],
    @Inject(DETAIL_CHECKS) private readonly details: ReadinessCheck[],
  ) {
    exposeAsMetrics([...readiness, ...details]);
  }

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready(@Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(this.readiness, reply);
  }

  /** Every dependency, for operators and dashboards; 503 when one is down. Not for probes. */
  @Get('details')
  @PublicWhen('healthDetails', OBSERVER_ROLE) // what runs where is for operators: HEALTH_DETAILS_PUBLIC, apart from /metrics
  @HealthCheck()
  detailed(@Res({ passthrough: true }) reply: FastifyReply) {
    return this.run([...this.readiness, ...this.details], reply);
  }

  /** Terminus's own body (status, info, error, details) on 503 too, rather than a generic problem. */
  private async run(checks: ReadinessCheck[], reply: FastifyReply) {
    try {
      return await this.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse();
    }
  }

  private check(checks: ReadinessCheck[]) {
    return this.health.check(
      checks.map((check) => async () => {
        const indicator = this.indicators.check(check.name);
        const result = await runCheck(check, 3_000);
        return result.up ? indicator.up(result.details) : indicator.down({ message: result.message });
      }),
    );
  }
}
