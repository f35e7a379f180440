/** The stable codes of a call that did not reach an answer; each is transient (the failure classifier). */
export const CALL_ERROR_CODES = [
  'CALL.CIRCUIT_OPEN',
  'CALL.DEADLINE_EXCEEDED',
  'CALL.UPSTREAM_UNAVAILABLE',
  'CALL.TOKEN_UNAVAILABLE',
] as const;
export type CallErrorCode = (typeof CALL_ERROR_CODES)[number];

/**
 * A call to another context or a provider that got no answer: the callee's breaker is open, its deadline passed,
 * it is unreachable, or no service token could be had. The callee's own refusals (NOT_FOUND, a 4xx) are not
 * wrapped: they are answers. The message names the callee and the operation, never the request.
 */
export class CallError extends Error {
  override readonly name = 'CallError';

  constructor(
    readonly code: CallErrorCode,
    readonly callee: string,
    readonly operation: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${callee} ${operation}: ${detail}`, options);
  }
}
