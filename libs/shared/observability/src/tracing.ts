import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * Starts OpenTelemetry before anything else is loaded (import this first in main.ts). HTTP, NestJS and
 * PostgreSQL are instrumented here; Kafka spans are made by the outbox relay and the inbox consumer,
 * which carry the request's context across the outbox. Exporting follows the standard OTEL_* variables
 * (OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set); without one, spans are made but not exported.
 */
export function startTracing(serviceName: string, exporter?: SpanExporter): NodeSDK {
  process.env.OTEL_SERVICE_NAME ??= serviceName;
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT && !process.env.OTEL_TRACES_EXPORTER) process.env.OTEL_TRACES_EXPORTER = 'none';
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  const sdk = new NodeSDK({
    traceExporter: exporter,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => /^\/(metrics|health)/.test(request.url ?? '') }),
      new NestInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  process.once('SIGTERM', () => void sdk.shutdown());
  return sdk;
}
