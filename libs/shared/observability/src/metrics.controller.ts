import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { metricsRegistry } from './http-metrics';
import { OBSERVER_ROLE, PublicWhen } from '@bascule/shared/auth';

@ApiExcludeController()
@Controller('metrics')
@PublicWhen('metrics', OBSERVER_ROLE)
export class MetricsController {
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
