import { createHash } from 'node:crypto';
import { Actor } from '@bascule/shared/contracts';
import { HttpProblem } from '@bascule/shared/http';
import { status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';

const RETRY =
  'Nothing was recorded here; retry with the same Idempotency-Key: the provider keeps one authorization per key';

/** What each provider failure means for the caller's money, stated in the answer (503: retry later). */
// Keyed by the call policy's CallError codes (@bascule/shared/calls, an infrastructure library this layer does not import).
const STATED: Record<string, { code: string; detail: string }> = {
  'CALL.DEADLINE_EXCEEDED': {
    code: 'PAYMENT.PROVIDER_TIMEOUT',
    detail: `The payment provider did not answer in time: the authorization may exist there. ${RETRY}, never a second charge.`,
  },
  'CALL.UPSTREAM_UNAVAILABLE': {
    code: 'PAYMENT.PROVIDER_ERROR',
    detail: `The payment provider failed, also when asked again. ${RETRY}.`,
  },
  'CALL.CIRCUIT_OPEN': {
    code: 'PAYMENT.PROVIDER_UNAVAILABLE',
    detail: `The payment provider failed repeatedly; it was not asked this time. ${RETRY}.`,
  },
  'CALL.TOKEN_UNAVAILABLE': {
    code: 'PAYMENT.PROVIDER_UNAVAILABLE',
    detail: `The payment provider could not be called. ${RETRY}.`,
  },
};

/** A provider that gave no answer, as a 503 problem stating the outcome; any other error as it is. */
export function providerFailure(error: unknown): never {
  const stated = statedFailure(error);
  if (!stated) throw error;
  throw new HttpProblem(503, stated.code, 'Payment provider unavailable', stated.detail);
}

/**
 * The provider's idempotency key for a request's `Idempotency-Key`: per caller, as the key itself (ADR 0030), and
 * hashed so that the provider learns neither who asked nor the caller's own key.
 */
export function providerKey(actor: Actor | undefined, key: string): string {
  return createHash('sha256')
    .update(JSON.stringify([actor?.client ?? '', actor?.subject ?? '', key]))
    .digest('hex');
}

/** The same over gRPC: UNAVAILABLE, the stable code leading the message as the error filter writes it. */
export function grpcProviderFailure(error: unknown): never {
  const stated = statedFailure(error);
  if (!stated) throw error;
  throw new RpcException({ code: status.UNAVAILABLE, message: `${stated.code}: ${stated.detail}` });
}

function statedFailure(error: unknown): { code: string; detail: string } | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && Object.hasOwn(STATED, code) ? STATED[code] : undefined;
}
