import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { redactUrl } from './log-redaction';

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
    traceExporter: exporter,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => /^\/(metrics|health)/.test(request.url ?? ''),
        // The query's values as the request log has them (`email=[redacted]`): a span outlives an erasure (ADR 0033).
        startIncomingSpanHook: (request) => spanQueryOf(request.url),
      }),
      new NestInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  process.once('SIGTERM', () => void sdk.shutdown());
  return sdk;
}

/** `url.query` with every value that may be personal redacted, replacing the instrumentation's (which keeps them). */
export function spanQueryOf(url: string | undefined): Record<string, string> {
  const redacted = redactUrl(url) ?? '';
  const question = redacted.indexOf('?');
  return question < 0 ? {} : { 'url.query': redacted.slice(question + 1) };
}
