import { CallError } from './call-error';
import { CallPolicy } from './call-policy';

export interface PolicyFetchOptions {
  /** Names the call in metrics and errors (`POST /payments`): never the URL with its query. */
  operation: string;
  /** GET, HEAD, PUT and DELETE are idempotent by HTTP's definition; a POST is only with an idempotency key. */
  idempotent?: boolean;
  /** A bearer token source (a ServiceTokenSource): fetched before the policy, so a provider outage is not counted against the callee. */
  token?: () => Promise<string>;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Statuses that say "not now" (the callee overloaded or down): retried when idempotent, counted by the breaker. */
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);

/**
 * Global fetch under a CallPolicy (a payment provider, the gateway later): the same deadline, retry budget and
 * breaker as gRPC calls. Resolves with the callee's answer, 4xx included (an answer), its body read within the
 * deadline; a 429/502/503/504 or a
 * network failure is retried when idempotent and ends as a CallError when it lasts.
 */
export async function policyFetch(
  policy: CallPolicy,
  url: string | URL,
  init: RequestInit & PolicyFetchOptions,
): Promise<Response> {
  const { operation, idempotent, token, ...request } = init;
  const method = (request.method ?? 'GET').toUpperCase();
  const headers = new Headers(request.headers);
  if (token) headers.set('authorization', `Bearer ${await policy.token(operation, token)}`);
  return policy.execute(
    operation,
    async ({ signal }) => {
      const answer = await fetch(url, {
        ...request,
        headers,
        signal: request.signal ? AbortSignal.any([request.signal, signal]) : signal,
      });
      if (TRANSIENT_STATUSES.has(answer.status)) {
        await answer.body?.cancel();
        throw new CallError('CALL.UPSTREAM_UNAVAILABLE', policy.callee, operation, `HTTP ${answer.status}`);
      }
      // The body is read within the deadline: the policy aborts the attempt's signal once it returns, which would
      // abort a body still streaming (an AbortError on the caller's json()).
      const body = await answer.arrayBuffer();
      return new Response(body.byteLength > 0 ? body : null, {
        status: answer.status,
        statusText: answer.statusText,
        headers: answer.headers,
      });
    },
    { idempotent: idempotent ?? IDEMPOTENT_METHODS.has(method) },
  );
}
