import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A correlation id is a short token: it lands in logs and Kafka headers as it is. */
export const isSafeCorrelationId = (value: string): boolean => SAFE_ID.test(value);

/** The caller's correlation id when it is a sane token, else a new one: it is logged and echoed back. */
export function correlationIdOf(request: Pick<IncomingMessage, 'headers'>): string {
  const given = request.headers[CORRELATION_HEADER];
  const value = Array.isArray(given) ? given[0] : given;
  return value && SAFE_ID.test(value) ? value : randomUUID();
}
