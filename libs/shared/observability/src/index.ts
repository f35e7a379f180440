export * from './correlation';
export * from './fastify-observability';
export * from './http-metrics';
export * from './observability.module';
export * from './readiness-check';
export * from './tracing';
export { prettyLogs, PRETTY_LOG_OPTIONS } from './logging.module';
export * from './log-redaction';
export * from './start-up-logger';
