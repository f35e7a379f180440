import { authConfig, LOCAL_ISSUER } from './auth.config';
import { rolesOf } from './token-verifier';
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
    });
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
