import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
// The exporting processors NodeSDK builds from OTEL_TRACES_EXPORTER when given none: giving it the redacting
// processor means giving it those too, and the package exports no other way to build them.
import { getSpanProcessorsFromEnv } from '@opentelemetry/sdk-node/build/src/utils';
import { BatchSpanProcessor, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { UrlRedactingSpanProcessor } from './span-redaction';

/** Tracing is exported when the standard variables name a destination (OTLP endpoint or an exporter). */
export function tracesAreExported(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(
    env.OTEL_EXPORTER_OTLP_ENDPOINT ||
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ||
    (env.OTEL_TRACES_EXPORTER && env.OTEL_TRACES_EXPORTER !== 'none'),
  );
}

/**
 * Starts OpenTelemetry before anything else is loaded (import this first in main.ts). HTTP, NestJS and
 * PostgreSQL are instrumented; Kafka spans are made by the outbox relay and the inbox consumer, which
 * carry the request's context across the outbox. Follows the standard OTEL_* variables (sampler
 * included). When no exporter is configured, no span is recorded — spans nobody receives cost about a
 * third of a request — but W3C trace context still flows from callers through the outbox to consumers.
 */
export function startTracing(serviceName: string, exporter?: SpanExporter): NodeSDK | undefined {
  if (!exporter && !tracesAreExported()) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    return undefined;
  }
  process.env.OTEL_SERVICE_NAME ??= serviceName;
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  const sdk = new NodeSDK({
    spanProcessors: tracingProcessors(exporter),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => /^\/(metrics|health)/.test(request.url ?? ''),
      }),
      new NestInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  process.once('SIGTERM', () => void sdk.shutdown());
  return sdk;
}

/**
 * The query values of every span's URLs redacted (as the request log has them, `email=[redacted]`), server and
 * client spans alike, before the exporting processors: the given exporter's, or those OTEL_TRACES_EXPORTER names.
 */
export function tracingProcessors(exporter?: SpanExporter): SpanProcessor[] {
  const exporting = exporter ? [new BatchSpanProcessor(exporter)] : getSpanProcessorsFromEnv(undefined);
  return exporting.length ? [new UrlRedactingSpanProcessor(), ...exporting] : [];
}
