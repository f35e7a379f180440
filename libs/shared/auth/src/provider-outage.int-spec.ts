import { register } from 'prom-client';
import { startTcpProxy, TcpProxy, testIssuer, tokenFor } from '@bascule/shared/testing';
import { authConfig } from './auth.config';
import { AuthError } from './auth.errors';
import { TokenVerifier } from './token-verifier';

/** The demo reader's roles: every context's read role (the realm gives users new contexts' roles by kind). */
const READER_ROLES = expect.arrayContaining(['client:read']);

const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
const metric = async (name: string) => Number((await register.getSingleMetric(name)?.get())?.values[0]?.value ?? 0);

/**
 * The real Keycloak behind a TCP proxy that each test cuts: to the verifier, the provider is down, while the
 * shared Keycloak stays up for everything else. The keys are fetched through the proxy (AUTH_JWKS_URL).
 */
describe('TokenVerifier while the identity provider is unreachable', () => {
  const issuer = new URL(testIssuer);
  let proxy: TcpProxy;
  let logger: { error: jest.Mock; log: jest.Mock };
  const verifier = (env: Record<string, string>) =>
    new TokenVerifier(
      authConfig('client-service', {
        NODE_ENV: 'test',
        AUTH_ISSUER: testIssuer,
        AUTH_JWKS_URL: `http://127.0.0.1:${proxy.port}${issuer.pathname}/protocol/openid-connect/certs`,
        ...env,
      }),
      logger,
    );
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  beforeEach(async () => {
    proxy = await startTcpProxy({ host: issuer.hostname, port: Number(issuer.port) });
    logger = { error: jest.fn(), log: jest.fn() };
  });
  afterEach(() => proxy.close());

  it('keeps accepting still-valid tokens when the provider stops just before the key cache ages out; asks it again only after the backoff; reports the outage once', async () => {
    const tokens = { reader: await tokenFor('reader'), writer: await tokenFor('writer') };
    const tokensVerifier = verifier({
      AUTH_JWKS_CACHE_MAX_AGE_SECONDS: '1',
      AUTH_PROVIDER_BACKOFF_SECONDS: '3600',
      AUTH_PROVIDER_BACKOFF_MAX_SECONDS: '3600',
    });
    expect((await tokensVerifier.verify(tokens.reader)).roles).toEqual(READER_ROLES);
    expect(proxy.forwarded).toBe(1);
    const lastKnownBefore = await metric('bascule_tokens_verified_with_last_known_keys_total');

    proxy.refuse();
    const during: string[][] = [];
    while (proxy.refused === 0) {
      during.push([...(await tokensVerifier.verify(tokens.writer)).roles]); // the cache ages out meanwhile
      await pause();
    }
    for (let call = 0; call < 20; call++) during.push([...(await tokensVerifier.verify(tokens.reader)).roles]);

    expect(during.length).toBeGreaterThan(20);
    expect(during.slice(-20)).toEqual(Array.from({ length: 20 }, () => READER_ROLES));
    expect(during.slice(0, -20).every((roles) => roles.includes('client:write'))).toBe(true);
    expect(proxy.refused).toBe(1); // one attempt; the next waits for the backoff, not for the next request
    expect(await metric('bascule_tokens_verified_with_last_known_keys_total')).toBe(lastKnownBefore + 21);
    expect(await metric('bascule_identity_provider_up')).toBe(0);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      { issuer: testIssuer },
      expect.stringMatching(
        /identity provider cannot be reached .*tokens are verified with the keys fetched at .* until /,
      ),
    );
    await expect(tokensVerifier.providerHealth()).rejects.toThrow(/^unreachable since /);
    expect(proxy.refused).toBe(1);
  });

  it('asks the provider again after the backoff, and reports when it answers again', async () => {
    const token = await tokenFor('reader');
    const tokensVerifier = verifier({
      AUTH_JWKS_CACHE_MAX_AGE_SECONDS: '1',
      AUTH_PROVIDER_BACKOFF_SECONDS: '0.2',
      AUTH_PROVIDER_BACKOFF_MAX_SECONDS: '0.4',
    });
    await tokensVerifier.verify(token);
    proxy.refuse();
    while (proxy.refused < 3) {
      expect((await tokensVerifier.verify(token)).roles).toEqual(READER_ROLES);
      await pause();
    }
    expect(logger.error).toHaveBeenCalledTimes(1);

    proxy.forward();
    const forwardedBefore = proxy.forwarded;
    while (logger.log.mock.calls.length === 0) {
      expect((await tokensVerifier.verify(token)).roles).toEqual(READER_ROLES);
      await pause();
    }
    expect(proxy.forwarded).toBeGreaterThan(forwardedBefore);
    expect(logger.log).toHaveBeenCalledWith(expect.stringMatching(/^the identity provider answers again after \d+ s/));
    expect(await tokensVerifier.providerHealth()).toEqual({ keysFetchedAt: expect.any(String) });
    expect(await metric('bascule_identity_provider_up')).toBe(1);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('answers 503 once the keys last fetched are past the grace period', async () => {
    const token = await tokenFor('reader');
    const tokensVerifier = verifier({
      AUTH_JWKS_CACHE_MAX_AGE_SECONDS: '1',
      AUTH_PROVIDER_OUTAGE_GRACE_SECONDS: '0',
      AUTH_PROVIDER_BACKOFF_SECONDS: '3600',
    });
    await tokensVerifier.verify(token);
    proxy.refuse();
    let error: unknown;
    while (!(error = await refusal(tokensVerifier.verify(token)))) await pause();
    expect(proxy.refused).toBe(1);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      code: 'AUTH.PROVIDER_UNAVAILABLE',
      message: expect.stringContaining('past their grace period'),
    });
  });

  it('answers 503 without asking the provider on every call when it has never answered', async () => {
    proxy.refuse();
    const tokensVerifier = verifier({ AUTH_PROVIDER_BACKOFF_SECONDS: '3600' });
    const token = await tokenFor('reader');
    for (let call = 0; call < 5; call++)
      expect(await refusal(tokensVerifier.verify(token))).toMatchObject({
        code: 'AUTH.PROVIDER_UNAVAILABLE',
        message: expect.stringContaining('the identity provider cannot be reached'),
      });
    expect(proxy.refused).toBe(1);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      { issuer: testIssuer },
      expect.stringContaining('no keys were fetched from it yet'),
    );
  });
});
