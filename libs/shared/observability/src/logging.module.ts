import { trace } from '@opentelemetry/api';
import { LoggerModule } from 'nestjs-pino';

/**
 * pino JSON logs: one line per request with its correlation id (Fastify's request id, taken from
 * `x-correlation-id`), and the active trace id on every line so logs and traces join up.
 */
export const loggingModule = (serviceName: string) =>
  LoggerModule.forRoot({
    pinoHttp: {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
      name: serviceName,
      customAttributeKeys: { reqId: 'correlationId' },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      autoLogging: { ignore: (request) => /^\/(metrics|health)/.test(request.url ?? '') },
      mixin() {
        const context = trace.getActiveSpan()?.spanContext();
        return context ? { traceId: context.traceId, spanId: context.spanId } : {};
      },
    },
  });
