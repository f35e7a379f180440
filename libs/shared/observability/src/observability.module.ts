import { DynamicModule, FactoryProvider, Module, ModuleMetadata } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { startDefaultMetrics } from './http-metrics';
import { loggingModule } from './logging.module';
import { MetricsServer } from './metrics-server';
import { DETAIL_CHECKS, READINESS_CHECKS, ReadinessCheck } from './readiness-check';

export interface ObservabilityOptions {
  serviceName: string;
  imports?: ModuleMetadata['imports'];
  /** What the service needs to serve requests (its database): `/health/ready`. */
  readiness: Omit<FactoryProvider<ReadinessCheck[]>, 'provide'>;
  /** Everything else worth watching (broker, Connect, consumers): `/health/details` and metrics only. */
  details?: Omit<FactoryProvider<ReadinessCheck[]>, 'provide'>;
}

/** Logs, `/health/{live,ready,details}`, and `/metrics` on the management port (MetricsServer) for one service. */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    startDefaultMetrics(options.serviceName);
    return {
      module: ObservabilityModule,
      imports: [
        loggingModule(options.serviceName),
        TerminusModule.forRoot({ logger: false }),
        ...(options.imports ?? []),
      ],
      controllers: [HealthController],
      providers: [
        { provide: READINESS_CHECKS, ...options.readiness },
        options.details ? { provide: DETAIL_CHECKS, ...options.details } : { provide: DETAIL_CHECKS, useValue: [] },
        MetricsServer,
      ],
      exports: [MetricsServer],
    };
  }
}
