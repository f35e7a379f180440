import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';
import { AuthConfig } from './auth.config';
import { AuthError } from './auth.errors';

/** Who called, as the verified token says. */
export interface Principal {
  subject: string;
  roles: readonly string[];
  clientId?: string;
}

/** Asymmetric only: `none` and HMAC (a shared secret every verifier would hold) are refused before any key is looked up. */
export const ACCEPTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * Verifies bearer JWTs against the issuer's JWKS (jose): signature, `iss`, `aud`, `exp` and `nbf` with a small
 * leeway. Keys are cached and refetched when a token names an unknown `kid`, so a key rotation needs no restart.
 */
export class TokenVerifier {
  private keys?: Promise<KeySet>;
  /** Misconfigurations already logged: each is logged once, not on every request it turns away. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly config: AuthConfig,
    private readonly logger: Pick<Logger, 'error'> = new Logger('TokenVerifier'),
  ) {}

  async verify(token: string): Promise<Principal> {
    const keys = await this.keySet();
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      });
      return {
        subject: String(payload.sub),
        roles: rolesOf(payload, this.config.rolesClaim),
        clientId: typeof payload.azp === 'string' ? payload.azp : undefined,
      };
    } catch (error) {
      if (keysUnavailable(error))
        throw AuthError.providerUnavailable(`the issuer's keys cannot be read (${(error as Error).message})`);
      throw AuthError.invalidToken(reasonOf(error));
    }
  }

  private keySet(): Promise<KeySet> {
    this.keys ??= this.jwksUrl().then((url) =>
      createRemoteJWKSet(new URL(url), {
        cooldownDuration: this.config.jwksCooldownSeconds * 1000,
        cacheMaxAge: 10 * 60_000,
        timeoutDuration: 5000,
      }),
    );
    // A provider down at start-up must not leave the service unable to verify for ever: the next call retries.
    this.keys.catch(() => (this.keys = undefined));
    return this.keys;
  }

  /** AUTH_JWKS_URL, or OIDC discovery: `<issuer>/.well-known/openid-configuration` names the `jwks_uri`. */
  private async jwksUrl(): Promise<string> {
    if (this.config.jwksUrl) return this.config.jwksUrl;
    const discovery = `${this.config.issuer}/.well-known/openid-configuration`;
    let document: { issuer?: string; jwks_uri?: string };
    try {
      const answer = await fetch(discovery, { signal: AbortSignal.timeout(5000) });
      if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
      document = (await answer.json()) as typeof document;
    } catch (error) {
      throw AuthError.providerUnavailable(
        `the issuer's discovery document cannot be read (${discovery}: ${(error as Error).message})`,
      );
    }
    // Not the caller's fault, and not trusted either (a redirect or a mix-up would hand over the keys): the
    // answer is 503 / UNAVAILABLE like a provider that is down, and the operator's error is logged once.
    if (document.issuer !== this.config.issuer)
      throw this.misconfigured(
        `OIDC discovery at ${discovery} names issuer ${document.issuer}, not ${this.config.issuer} (AUTH_ISSUER)`,
      );
    if (!document.jwks_uri) throw this.misconfigured(`OIDC discovery at ${discovery} has no jwks_uri`);
    return document.jwks_uri;
  }

  private misconfigured(problem: string): AuthError {
    if (!this.reported.has(problem)) {
      this.reported.add(problem);
      this.logger.error(
        { issuer: this.config.issuer },
        `tokens cannot be verified: ${problem}; every call needing a token answers 503 until the configuration or the provider is fixed`,
      );
    }
    return AuthError.providerUnavailable(`the issuer's discovery document does not match the configuration`); // the details are in the log
  }
}

export function rolesOf(payload: JWTPayload, claimPath: string): string[] {
  const value = claimPath
    .split('.')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      payload,
    );
  if (Array.isArray(value)) return value.filter((role): role is string => typeof role === 'string');
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
}

/** The JWKS endpoint is down, slow or answering errors: the provider's fault, not the token's. */
function keysUnavailable(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout) return true;
  if (error instanceof errors.JOSEError)
    return error.code === 'ERR_JOSE_GENERIC' && /Expected 200 OK/.test(error.message);
  return !(error instanceof AuthError);
}

/** A short reason for the caller (RFC 6750 error_description); never the token itself. */
function reasonOf(error: unknown): string {
  if (error instanceof AuthError) return error.message.replace(/^The bearer token is not valid: /, '');
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'not yet valid';
    if (error.claim === 'iss') return 'unexpected issuer';
    if (error.claim === 'aud') return 'unexpected audience';
    return `claim ${error.claim} is invalid`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature verification failed';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no matching key';
  return 'malformed';
}
