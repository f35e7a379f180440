import { numberSetting } from '@bascule/shared/application';

/** What one request may cost the service before any handler runs (ADR 0034). */
export interface EdgeLimits {
  /** Deepest nesting of arrays and objects in a JSON body; deeper gets 400 `REQUEST.TOO_DEEP`. */
  jsonMaxDepth: number;
  /** Largest gRPC message accepted, checked by grpc-js before the call reaches auth; larger gets RESOURCE_EXHAUSTED. */
  grpcMaxReceiveBytes: number;
  /** Time a client has to send its request headers (slow-loris defence). */
  headersTimeoutMs: number;
  /** Time a client has to send its whole request, body included. */
  requestTimeoutMs: number;
  /** An idle socket (nothing received nor sent) is closed after this. */
  connectionTimeoutMs: number;
  /** A kept-alive connection with no request is closed after this; above the usual load-balancer idle timeout (60 s). */
  keepAliveTimeoutMs: number;
}

const integer = (min: number) => ({ integer: true, min });

/**
 * `JSON_MAX_DEPTH`, `GRPC_MAX_RECEIVE_BYTES`, `HTTP_HEADERS_TIMEOUT_MS`, `HTTP_REQUEST_TIMEOUT_MS`,
 * `HTTP_CONNECTION_TIMEOUT_MS`, `HTTP_KEEP_ALIVE_TIMEOUT_MS`; read when the app is built.
 */
export function edgeLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): EdgeLimits {
  const headersTimeoutMs = numberSetting(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, integer(1));
  return {
    jsonMaxDepth: numberSetting(env, 'JSON_MAX_DEPTH', 32, integer(1)),
    grpcMaxReceiveBytes: numberSetting(env, 'GRPC_MAX_RECEIVE_BYTES', 256 * 1024, integer(1024)),
    headersTimeoutMs,
    requestTimeoutMs: numberSetting(
      env,
      'HTTP_REQUEST_TIMEOUT_MS',
      Math.max(30_000, headersTimeoutMs),
      integer(headersTimeoutMs),
    ),
    connectionTimeoutMs: numberSetting(env, 'HTTP_CONNECTION_TIMEOUT_MS', 60_000, integer(1)),
    keepAliveTimeoutMs: numberSetting(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 72_000, integer(1)),
  };
}
