import { numberSetting } from '@bascule/shared/application';

/** What a service needs to verify bearer tokens of any OpenID Provider: nothing here names a vendor. */
export interface AuthConfig {
  /** `iss` the tokens must carry; its `/.well-known/openid-configuration` gives the JWKS unless jwksUrl is set. */
  issuer: string;
  /** `aud` the tokens must contain: this service's name at the provider. */
  audience: string;
  /** Dotted path of the roles array in the token (Keycloak: `realm_access.roles`; others: `roles`, `groups`…). */
  rolesClaim: string;
  jwksUrl?: string;
  /**
   * The clients (`azp`) allowed to call this service; any when unset. Service-to-service callers are told apart
   * by the client their token was issued to, since every one of them carries this service's audience.
   */
  authorizedParties?: readonly string[];
  /** Leeway on `exp`, `nbf` and `iat` for clocks that drift apart. */
  clockToleranceSeconds: number;
  /** Least time between two JWKS fetches triggered by an unknown `kid` (a flood of forged kids cannot DoS the provider). */
  jwksCooldownSeconds: number;
  /** How long fetched keys are used before they are fetched again (a removed key stops verifying after this). */
  jwksCacheMaxAgeSeconds: number;
  /**
   * While the provider cannot be reached, tokens are still verified with the keys last fetched from it, for
   * this long after that fetch; past it, calls needing a token answer 503 until the provider is back.
   */
  providerOutageGraceSeconds: number;
  /** First wait before the provider is asked again after a failed discovery or key fetch; doubled up to the max. */
  providerBackoffSeconds: number;
  providerBackoffMaxSeconds: number;
  /** Whether `/metrics`, `/docs` (and gRPC server reflection), `/health/details` answer without a token. */
  metricsPublic: boolean;
  docsPublic: boolean;
  /**
   * Apart from metrics: a deployment may open `/metrics` to its in-cluster scrape (METRICS_PUBLIC=true) without
   * telling anyone who reaches the port which broker, Connect and consumers the service uses and how they fare.
   */
  healthDetailsPublic: boolean;
}

/** The local Keycloak realm of `npm start`; used only outside production, where AUTH_ISSUER is required. */
export const LOCAL_ISSUER = 'http://127.0.0.1:8180/realms/bascule';

export function authConfig(serviceName: string, env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const production = env.NODE_ENV === 'production';
  const issuer = env.AUTH_ISSUER ?? (production ? undefined : LOCAL_ISSUER);
  if (!issuer) throw new Error('AUTH_ISSUER is required in production (the OpenID Provider issuer URL)');
  return {
    issuer: issuer.replace(/\/+$/, ''),
    audience: env.AUTH_AUDIENCE ?? serviceName,
    rolesClaim: env.AUTH_ROLES_CLAIM ?? 'realm_access.roles',
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    authorizedParties: list(env.AUTH_AUTHORIZED_PARTIES),
    clockToleranceSeconds: numberSetting(env, 'AUTH_CLOCK_TOLERANCE_SECONDS', 30),
    jwksCooldownSeconds: numberSetting(env, 'AUTH_JWKS_COOLDOWN_SECONDS', 10),
    jwksCacheMaxAgeSeconds: numberSetting(env, 'AUTH_JWKS_CACHE_MAX_AGE_SECONDS', 600),
    providerOutageGraceSeconds: numberSetting(env, 'AUTH_PROVIDER_OUTAGE_GRACE_SECONDS', 24 * 3600),
    providerBackoffSeconds: numberSetting(env, 'AUTH_PROVIDER_BACKOFF_SECONDS', 1),
    providerBackoffMaxSeconds: numberSetting(env, 'AUTH_PROVIDER_BACKOFF_MAX_SECONDS', 60),
    metricsPublic: flag(env.METRICS_PUBLIC, !production),
    docsPublic: flag(env.DOCS_PUBLIC, !production),
    healthDetailsPublic: flag(env.HEALTH_DETAILS_PUBLIC, !production),
  };
}

/** Comma- or space-separated; unset or empty is no list. */
function list(value: string | undefined): string[] | undefined {
  const items = value?.split(/[\s,]+/).filter(Boolean) ?? [];
  return items.length ? items : undefined;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}
