import { createRemoteJWKSet, JWTPayload, jwtVerify } from 'jose';

/** Why a request is refused (401 or 403), or undefined when it may go on. */
export type Verify = (authorization: string | undefined) => Promise<{ status: 401 | 403; detail: string } | undefined>;

/**
 * The bearer JWT check of the bare baselines: jose against the same issuer's JWKS, the same role required, when
 * AUTH_ISSUER is set (otherwise none, as a service without its guard).
 */
export async function bearerVerifier(env: NodeJS.ProcessEnv, role: string): Promise<Verify> {
  if (!env.AUTH_ISSUER) return async () => undefined;
  const issuer = env.AUTH_ISSUER.replace(/\/$/, '');
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    jwks_uri: string;
    issuer: string;
  };
  const keys = createRemoteJWKSet(new URL(discovery.jwks_uri));
  const claimPath = (env.AUTH_ROLES_CLAIM ?? 'realm_access.roles').split('.');
  const options = {
    issuer: discovery.issuer,
    audience: env.AUTH_AUDIENCE || undefined,
    clockTolerance: 5,
    algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
  };
  return async (authorization) => {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return { status: 401, detail: 'bearer token required' };
    let claims: JWTPayload;
    try {
      claims = (await jwtVerify(token, keys, options)).payload;
    } catch {
      return { status: 401, detail: 'invalid bearer token' };
    }
    const roles = claimPath.reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], claims);
    return Array.isArray(roles) && roles.includes(role) ? undefined : { status: 403, detail: `missing role ${role}` };
  };
}
