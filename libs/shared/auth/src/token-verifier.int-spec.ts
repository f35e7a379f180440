/**
 * @exclusive adds a signing key above the others to the shared realm, removes it after, and removes other runs'
 * rotation-test keys: tokens other suites get meanwhile stop verifying once it is gone.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { decodeProtectedHeader } from 'jose';
import { requestToken, rotateRealmSigningKey, testIssuer, tokenFor } from '@bascule/shared/testing';
import { authConfig } from './auth.config';
import { AuthError } from './auth.errors';
import { TokenVerifier } from './token-verifier';

/** The demo reader's roles: every context's read role (the realm gives users new contexts' roles by kind). */
const READER_ROLES = expect.arrayContaining(['client:read']);

/** The verifier on the real Keycloak through OIDC discovery only (no JWKS URL configured). */
describe('TokenVerifier on the local OpenID Provider', () => {
  const config = (env: Record<string, string> = {}) =>
    authConfig('client-service', { NODE_ENV: 'test', AUTH_ISSUER: testIssuer, ...env });

  it('finds the keys by discovery and reads subject, client and roles from a real token', async () => {
    const principal = await new TokenVerifier(config()).verify(await tokenFor());
    expect(principal.subject).toMatch(/^[0-9a-f-]{36}$/);
    expect(principal.clientId).toBe('bascule-demo');
    expect([...principal.roles].sort()).toEqual(
      expect.arrayContaining(['client:erase', 'client:read', 'client:write', 'legacy:read']),
    );
  });

  it('refuses a real token meant for another audience, and reads roles where configured', async () => {
    await expect(
      new TokenVerifier(config({ AUTH_AUDIENCE: 'order-service' })).verify(await tokenFor('reader')),
    ).rejects.toThrow('The bearer token is not valid: unexpected audience');
    expect(
      (await new TokenVerifier(config({ AUTH_ROLES_CLAIM: 'roles' })).verify(await tokenFor('reader'))).roles,
    ).toEqual([]);
  });

  it("refuses the issuer's ID token even where its audience is the verifier's (only access tokens are accepted)", async () => {
    const answer = (await requestToken({
      grant_type: 'password',
      username: 'reader',
      password: 'reader-password',
      client_id: 'bascule-demo',
      client_secret: 'bascule-demo-secret',
      scope: 'openid',
    })) as { access_token: string; expires_in: number; id_token?: string };
    expect(answer.id_token).toEqual(expect.any(String));
    const verifier = new TokenVerifier(config({ AUTH_AUDIENCE: 'bascule-demo' }));
    await expect(verifier.verify(answer.id_token ?? '')).rejects.toThrow(
      'The bearer token is not valid: not an access token',
    );
    await expect(new TokenVerifier(config()).verify(answer.access_token)).resolves.toMatchObject({
      clientId: 'bascule-demo',
    });
  });

  it('admits only the clients (azp) it is told to when AUTH_AUTHORIZED_PARTIES is set', async () => {
    const token = await tokenFor('reader');
    await expect(
      new TokenVerifier(config({ AUTH_AUTHORIZED_PARTIES: 'order-service,bascule-cockpit' })).verify(token),
    ).rejects.toThrow('The bearer token is not valid: unexpected authorized party');
    expect(
      (await new TokenVerifier(config({ AUTH_AUTHORIZED_PARTIES: 'order-service bascule-demo' })).verify(token))
        .clientId,
    ).toBe('bascule-demo');
  });

  it('does not trust a discovery document that names another issuer (a redirect or a mix-up would hand over the keys): provider unavailable, logged once, asked again only after a backoff', async () => {
    let document: object = { issuer: testIssuer, jwks_uri: `${testIssuer}/protocol/openid-connect/certs` };
    let discoveries = 0;
    const server = createServer((_req, res) => {
      discoveries++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const logger = { error: jest.fn(), log: jest.fn() };
    const verifier = new TokenVerifier(
      config({ AUTH_ISSUER: issuer, AUTH_PROVIDER_BACKOFF_SECONDS: '0.2', AUTH_PROVIDER_BACKOFF_MAX_SECONDS: '0.2' }),
      logger,
    );
    const mismatch = `OIDC discovery at ${issuer}/.well-known/openid-configuration names issuer ${testIssuer}, not ${issuer} (AUTH_ISSUER)`;
    try {
      for (let call = 0; call < 3; call++) {
        const refusal = await verifier.verify(await tokenFor()).catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(AuthError);
        expect(refusal).toMatchObject({
          code: 'AUTH.PROVIDER_UNAVAILABLE',
          unavailable: true,
          message: "The token cannot be verified now: the issuer's discovery document does not match the configuration",
        });
      }
      expect(discoveries).toBe(1);
      expect(logger.error).toHaveBeenCalledTimes(1);
      expect(logger.error).toHaveBeenCalledWith(
        { issuer },
        expect.stringContaining(`tokens cannot be verified: ${mismatch}`),
      );

      document = { issuer };
      while (logger.error.mock.calls.length < 2) {
        await expect(verifier.verify(await tokenFor())).rejects.toMatchObject({ code: 'AUTH.PROVIDER_UNAVAILABLE' });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(logger.error).toHaveBeenLastCalledWith({ issuer }, expect.stringContaining('has no jwks_uri'));
    } finally {
      server.close();
    }
  });

  it('accepts a token signed by a key added to the realm after its keys were cached, without a new verifier', async () => {
    const verifier = new TokenVerifier(config({ AUTH_JWKS_COOLDOWN_SECONDS: '1' }));
    const before = await tokenFor('reader');
    await verifier.verify(before);
    const removeKey = await rotateRealmSigningKey();
    try {
      const after = await tokenFor('reader');
      expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
      await new Promise((resolve) => setTimeout(resolve, 1100)); // the cooldown that stops a flood of unknown kids
      expect((await verifier.verify(after)).roles).toEqual(READER_ROLES);
      expect((await verifier.verify(before)).roles).toEqual(READER_ROLES);
    } finally {
      await removeKey();
    }
  });
});
