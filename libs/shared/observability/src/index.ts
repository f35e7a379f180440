export * from './correlation';
export * from './fastify-observability';
export * from './http-metrics';
export * from './observability.module';
export * from './readiness-check';
export * from './tracing';
export * from './error-description';
export * from './log-redaction';
