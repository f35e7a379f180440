import { edgeLimitsFromEnv } from './edge-limits';
import { rateLimitSettingsFromEnv } from './rate-limit';

describe('edge limits from the environment', () => {
  it('has bounded defaults', () => {
    expect(edgeLimitsFromEnv({})).toEqual({
      jsonMaxDepth: 32,
      grpcMaxReceiveBytes: 256 * 1024,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      connectionTimeoutMs: 60_000,
      keepAliveTimeoutMs: 72_000,
    });
    expect(rateLimitSettingsFromEnv({})).toEqual({ requests: 600, windowMs: 60_000 });
  });

  it('refuses what is not a number in range, naming the setting', () => {
    expect(() => edgeLimitsFromEnv({ JSON_MAX_DEPTH: '0' })).toThrow(/JSON_MAX_DEPTH/);
    expect(() => edgeLimitsFromEnv({ GRPC_MAX_RECEIVE_BYTES: '4MB' })).toThrow(/GRPC_MAX_RECEIVE_BYTES/);
    // A request timeout shorter than the headers timeout would never let the headers one apply.
    expect(() => edgeLimitsFromEnv({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' })).toThrow(
      /HTTP_REQUEST_TIMEOUT_MS/,
    );
    expect(() => rateLimitSettingsFromEnv({ RATE_LIMIT_REQUESTS: '-1' })).toThrow(/RATE_LIMIT_REQUESTS/);
  });
});
