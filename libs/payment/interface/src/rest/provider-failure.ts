import { createHash } from 'node:crypto';
import { Actor } from '@bascule/shared/contracts';
import { CallError } from '@bascule/shared/calls';
import { HttpProblem } from '@bascule/shared/http';
import { status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';

const RETRY = 'Nothing was recorded here; retry with the same Idempotency-Key: the provider keeps one authorization per key';

/** What each provider failure means for the caller's money, stated in the answer (503: retry later). */
const STATED: Record<CallError['code'], { code: string; detail: string }> = {
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
  if (!(error instanceof CallError)) throw error;
  const stated = STATED[error.code];
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
  if (!(error instanceof CallError)) throw error;
  const stated = STATED[error.code];
  throw new RpcException({ code: status.UNAVAILABLE, message: `${stated.code}: ${stated.detail}` });
}
