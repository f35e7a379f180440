import pino, { DestinationStream, Logger } from 'pino';
import { PRETTY_LOG_OPTIONS, prettyLogs } from '@bascule/shared/observability';

/** A minimal pino logger: JSON lines, or pino-pretty single lines in development, chosen as client-service chooses. */
export function legacyLogger(env: NodeJS.ProcessEnv = process.env, destination?: DestinationStream): Logger {
  const options = { name: 'legacy-monolith', level: env.LOG_LEVEL ?? 'info' };
  if (destination) return pino(options, destination);
  return pino({
    ...options,
    ...(prettyLogs(env) ? { transport: { target: 'pino-pretty', options: PRETTY_LOG_OPTIONS } } : {}),
  });
}

/** The pool guard's warnings, one line each: the error's code and message, never its multi-line stack. */
export function poolWarnings(logger: Logger): { warn(payload: object, message: string): void } {
  return {
    warn: (payload, message) => {
      const { err, ...rest } = payload as { err?: unknown };
      logger.warn(
        err instanceof Error ? { ...rest, code: (err as { code?: unknown }).code, error: err.message } : rest,
        message,
      );
    },
  };
}
