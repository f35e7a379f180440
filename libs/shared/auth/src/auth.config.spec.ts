import { authConfig, LOCAL_ISSUER } from './auth.config';
import { isAccessToken, rolesOf } from './token-verifier';
import { bearerToken } from './auth.guard';

describe('auth configuration', () => {
  it("defaults to the local realm, the service as audience and Keycloak's roles claim outside production", () => {
    expect(authConfig('client-service', { NODE_ENV: 'development' })).toMatchObject({
      issuer: LOCAL_ISSUER,
      audience: 'client-service',
      rolesClaim: 'realm_access.roles',
      jwksUrl: undefined,
      metricsPublic: true,
      docsPublic: true,
      healthDetailsPublic: true,
      jwksCooldownSeconds: 10,
      jwksCacheMaxAgeSeconds: 600,
      providerOutageGraceSeconds: 24 * 3600,
      providerBackoffSeconds: 1,
      providerBackoffMaxSeconds: 60,
    });
  });

  it.each([
    ['clockToleranceSeconds', 'AUTH_CLOCK_TOLERANCE_SECONDS'],
    ['jwksCooldownSeconds', 'AUTH_JWKS_COOLDOWN_SECONDS'],
    ['jwksCacheMaxAgeSeconds', 'AUTH_JWKS_CACHE_MAX_AGE_SECONDS'],
    ['providerOutageGraceSeconds', 'AUTH_PROVIDER_OUTAGE_GRACE_SECONDS'],
    ['providerBackoffSeconds', 'AUTH_PROVIDER_BACKOFF_SECONDS'],
    ['providerBackoffMaxSeconds', 'AUTH_PROVIDER_BACKOFF_MAX_SECONDS'],
  ])('reads %s from %s, and refuses a value that is not a number at start, naming it (never NaN)', (key, name) => {
    expect(authConfig('client-service', { NODE_ENV: 'test', [name]: '2.5' })).toHaveProperty(key, 2.5);
    expect(() => authConfig('client-service', { NODE_ENV: 'test', [name]: '10s' })).toThrow(
      `${name} must be a number from 0, not "10s"`,
    );
  });

  it('requires the issuer in production and closes metrics and docs unless told', () => {
    expect(() => authConfig('client-service', { NODE_ENV: 'production' })).toThrow(
      'AUTH_ISSUER is required in production',
    );
    expect(
      authConfig('client-service', { NODE_ENV: 'production', AUTH_ISSUER: 'https://id.example.com/' }),
    ).toMatchObject({
      issuer: 'https://id.example.com',
      metricsPublic: false,
      docsPublic: false,
      healthDetailsPublic: false,
    });
    expect(
      authConfig('client-service', {
        NODE_ENV: 'production',
        AUTH_ISSUER: 'https://id.example.com',
        METRICS_PUBLIC: 'true',
      }),
    ).toMatchObject({ metricsPublic: true, healthDetailsPublic: false });
    expect(
      authConfig('client-service', {
        NODE_ENV: 'production',
        AUTH_ISSUER: 'https://id.example.com',
        HEALTH_DETAILS_PUBLIC: 'true',
      }),
    ).toMatchObject({ metricsPublic: false, healthDetailsPublic: true });
  });
});

describe('roles from a configurable claim path', () => {
  it.each([
    ['realm_access.roles', { realm_access: { roles: ['a', 'b', 3] } }, ['a', 'b']],
    ['roles', { roles: ['x'] }, ['x']],
    ['scope', { scope: 'client:read client:write' }, ['client:read', 'client:write']],
    ['realm_access.roles', { realm_access: 'nope' }, []],
    ['missing.path', {}, []],
  ])('%s of %j → %j', (path, payload, roles) => {
    expect(rolesOf(payload as never, path)).toEqual(roles);
  });
});

describe('bearer tokens in the authorization header', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc', 'abc'],
    ['Basic dXNlcjpwYXNz', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe('access tokens only', () => {
  it.each([
    [{ typ: 'JWT' }, { typ: 'Bearer' }, true],
    [{ typ: 'at+jwt' }, {}, true],
    [{ typ: 'application/at+JWT' }, {}, true],
    [{}, {}, true],
    [{ typ: 'JWT' }, { typ: 'ID' }, false],
    [{ typ: 'JWT' }, { typ: 'Logout' }, false],
    [{ typ: 'logout+jwt' }, {}, false],
    [{ typ: 'JWT' }, { typ: 7 }, false],
  ])('header %j, claims %j → %s', (header, payload, accepted) => {
    expect(isAccessToken(header as never, payload as never)).toBe(accepted);
  });

  it('reads the clients allowed to call from AUTH_AUTHORIZED_PARTIES, any when unset', () => {
    expect(authConfig('client-service', { NODE_ENV: 'test' }).authorizedParties).toBeUndefined();
    expect(
      authConfig('client-service', { NODE_ENV: 'test', AUTH_AUTHORIZED_PARTIES: 'order-service, bascule-cockpit' })
        .authorizedParties,
    ).toEqual(['order-service', 'bascule-cockpit']);
  });
});
