export * from './correlation';
export * from './fastify-observability';
export * from './http-metrics';
export * from './observability.module';
export * from './readiness-check';
export * from './tracing';
export { prettyLogs, PRETTY_LOG_OPTIONS } from './logging.module';
export * from './error-description';
export * from './log-redaction';
