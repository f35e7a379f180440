import { trace } from '@opentelemetry/api';
import { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { Options } from 'pino-http';
import { redactUrl, safeError } from './log-redaction';

/** Probes and scrapes answer every few seconds: logged at debug, never one info line each. */
const QUIET_ROUTES = /^\/(metrics|health)(\/|\?|$)/;

/**
 * pino logs: one line per request with its correlation id (Fastify's request id, taken from
 * `x-correlation-id`), and the active trace id on every line so logs and traces join up. JSON by default;
 * readable single lines (pino-pretty) when `NODE_ENV=development` or `LOG_FORMAT=pretty`. Logs never carry
 * personal data: query values are redacted, and errors (`err`) are serialised as `safeError` describes them (ADR 0007).
 */
export const loggingModule = (serviceName: string, env: NodeJS.ProcessEnv = process.env) =>
  LoggerModule.forRoot({ pinoHttp: pinoOptions(serviceName, env) });

/** pino's options for a service (exported so that a test can log through them). */
export const pinoOptions = (serviceName: string, env: NodeJS.ProcessEnv = process.env) =>
  ({
    level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    name: serviceName,
    customAttributeKeys: { reqId: 'correlationId' },
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]'],
    serializers: {
      req: (req: { url?: string; query?: unknown; params?: unknown }) => ({
        ...req,
        url: redactUrl(req.url),
        query: undefined,
      }),
      err: safeError,
    },
    customLogLevel: (request: IncomingMessage, response, error) => {
      if (error || response.statusCode >= 500) return QUIET_ROUTES.test(request.url ?? '') ? 'debug' : 'error';
      return QUIET_ROUTES.test(request.url ?? '') ? 'debug' : 'info';
    },
    customSuccessMessage: (request, response, time) =>
      `${request.method} ${redactUrl(request.url)} ${response.statusCode} ${time} ms`,
    customErrorMessage: (request, response) =>
      `${request.method} ${redactUrl(request.url)} ${response.statusCode} failed`,
    mixin() {
      const context = trace.getActiveSpan()?.spanContext();
      return context ? { traceId: context.traceId, spanId: context.spanId } : {};
    },
    ...(prettyLogs(env) ? { transport: { target: 'pino-pretty', options: PRETTY_LOG_OPTIONS } } : {}),
  }) satisfies Options;

/** Readable single lines (pino-pretty) or JSON: the choice every process makes the same way. */
export const prettyLogs = (env: NodeJS.ProcessEnv) =>
  env.LOG_FORMAT === 'pretty' || (env.NODE_ENV === 'development' && env.LOG_FORMAT !== 'json');

// One line per event: time, level, (service name), message; the request's details stay in JSON logs.
export const PRETTY_LOG_OPTIONS = {
  singleLine: true,
  messageFormat: '{if context}{context}: {end}{msg}',
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'pid,hostname,req,res,responseTime,correlationId,traceId,spanId,context',
};
