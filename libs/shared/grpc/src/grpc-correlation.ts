import { Metadata } from '@grpc/grpc-js';
import { InvalidValueError } from '@bascule/shared/ddd';
import { CORRELATION_HEADER, isSafeCorrelationId } from '@bascule/shared/observability';

/**
 * The caller's correlation id from the call's metadata, or undefined when there is none (a new one is
 * made). One that is not a short token is refused (INVALID_ARGUMENT naming it): it would land in logs
 * and Kafka headers as it is.
 */
export function correlationIdFrom(metadata: Metadata | undefined): string | undefined {
  const values = metadata?.get(CORRELATION_HEADER) ?? [];
  if (values.length === 0) return undefined;
  const value = values[0].toString();
  if (values.length > 1 || !isSafeCorrelationId(value))
    throw new InvalidValueError(
      CORRELATION_HEADER,
      `${CORRELATION_HEADER} must be one token of 1 to 128 characters among A-Z a-z 0-9 . _ : -`,
    );
  return value;
}
