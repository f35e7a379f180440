import { CallError } from './call-error';
import { ServiceTokenSource } from './service-token-source';

/** A token endpoint that hands out `token-1`, `token-2`, ... for 100 s, or fails while `down`. */
function provider() {
  const state = { issued: 0, down: false, requests: 0, pending: [] as (() => void)[], hold: false };
  const fetchImpl = jest.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    state.requests++;
    expect(new URLSearchParams(init?.body as URLSearchParams).get('grant_type')).toBe('client_credentials');
    if (state.hold) await new Promise<void>((resolve) => state.pending.push(resolve));
    if (state.down) throw new TypeError('fetch failed');
    state.issued++;
    return new Response(JSON.stringify({ access_token: `token-${state.issued}`, expires_in: 100 }), {
      headers: { 'content-type': 'application/json' },
    });
  });
  return { state, fetchImpl: fetchImpl as unknown as typeof fetch };
}

function source(fetchImpl: typeof fetch, clock: { now: number }) {
  const logger = { warn: jest.fn(), log: jest.fn() };
  const tokens = new ServiceTokenSource(
    {
      tokenUrl: 'http://idp/token',
      clientId: 'orders-service',
      clientSecret: 'secret',
      renewAt: 0.8,
      retryAfterFailureMs: 1000,
    },
    logger,
    () => clock.now,
    fetchImpl,
  );
  return { tokens, logger };
}

/** Lets the background renewal's promise chain run. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ServiceTokenSource', () => {
  it('fetches one token for every concurrent call, and serves it from cache until 80% of its lifetime', async () => {
    const { state, fetchImpl } = provider();
    const clock = { now: 0 };
    const { tokens } = source(fetchImpl, clock);
    expect(await Promise.all(Array.from({ length: 50 }, () => tokens.token()))).toEqual(Array(50).fill('token-1'));
    clock.now = 79_000;
    expect(await tokens.token()).toBe('token-1');
    expect(state.requests).toBe(1);
  });

  it('renews past 80% by one request in the background while calls go on with the current token', async () => {
    const { state, fetchImpl } = provider();
    const clock = { now: 0 };
    const { tokens } = source(fetchImpl, clock);
    await tokens.token();
    clock.now = 81_000;
    state.hold = true;
    expect(await Promise.all(Array.from({ length: 20 }, () => tokens.token()))).toEqual(Array(20).fill('token-1'));
    expect(state.requests).toBe(2);
    state.pending.forEach((release) => release());
    await flush();
    expect(await tokens.token()).toBe('token-2');
    expect(state.requests).toBe(2);
  });

  it('logs a provider outage once, keeps the valid token, fails with CALL.TOKEN_UNAVAILABLE once it has expired', async () => {
    const { state, fetchImpl } = provider();
    const clock = { now: 0 };
    const { tokens, logger } = source(fetchImpl, clock);
    await tokens.token();
    state.down = true;
    for (let second = 81; second < 100; second++) {
      clock.now = second * 1000;
      expect(await tokens.token()).toBe('token-1');
      await flush();
    }
    clock.now = 100_500;
    const failures = await Promise.all(
      Array.from({ length: 10 }, () => tokens.token().catch((error: unknown) => error)),
    );
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(CallError);
      expect((failure as CallError).code).toBe('CALL.TOKEN_UNAVAILABLE');
    }
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toContain(
      'orders-service cannot get a token from http://idp/token: fetch failed',
    );
    expect(logger.warn.mock.calls[0][0]).not.toContain('secret');
    // One request per second at most while it is down, not one per call.
    expect(state.requests).toBeLessThanOrEqual(1 + 20);

    state.down = false;
    clock.now = 102_000;
    expect(await tokens.token()).toBe('token-2');
    expect(logger.log).toHaveBeenCalledTimes(1);
  });
});
