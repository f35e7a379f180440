import { Logger } from '@nestjs/common';
import { errors, JWTHeaderParameters, JWTPayload, jwtVerify } from 'jose';
import { AuthConfig } from './auth.config';
import { AuthError } from './auth.errors';
import { OidcDiscovery } from './oidc-discovery';
import { ProviderKeys } from './provider-keys';

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

/**
 * Verifies bearer JWTs against the issuer's JWKS (jose): signature, `iss`, `aud`, `exp` and `nbf` with a small
 * leeway. Keys come from `ProviderKeys`: cached, refetched when a token names an unknown `kid` (a key rotation
 * needs no restart), and kept through a provider outage for a grace period.
 */
export class TokenVerifier {
  private readonly keys: ProviderKeys;

  constructor(
    private readonly config: AuthConfig,
    logger: Pick<Logger, 'error' | 'log'> = new Logger('TokenVerifier'),
  ) {
    this.keys = new ProviderKeys(config, new OidcDiscovery(config, logger), logger);
  }

  async verify(token: string): Promise<Principal> {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, this.keys.getKey, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      });
      if (!isAccessToken(protectedHeader, payload)) throw AuthError.invalidToken('not an access token');
      const clientId = typeof payload.azp === 'string' ? payload.azp : undefined;
      const parties = this.config.authorizedParties;
      if (parties && !(clientId && parties.includes(clientId)))
        throw AuthError.invalidToken('unexpected authorized party');
      return { subject: String(payload.sub), roles: rolesOf(payload, this.config.rolesClaim), clientId };
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw AuthError.invalidToken(reasonOf(error));
    }
  }

  /** Whether the identity provider answers, and until when tokens verify without it (`/health/details`). */
  providerHealth(): Promise<Record<string, unknown>> {
    return this.keys.health();
  }
}

/** `typ` in the header of access tokens: RFC 9068's, or the plain `JWT` most providers (Keycloak among them) write. */
const ACCESS_TOKEN_HEADER_TYPES = ['jwt', 'at+jwt', 'application/at+jwt'];

/**
 * An ID token (or a logout token) of the same issuer can carry this service's name as its audience when a client
 * is named like the service: only access tokens are accepted. Providers that type their tokens in a `typ` claim
 * (Keycloak: `Bearer`, `ID`, `Logout`) are held to it as well.
 */
export function isAccessToken(header: JWTHeaderParameters, payload: JWTPayload): boolean {
  if (header.typ !== undefined && !ACCESS_TOKEN_HEADER_TYPES.includes(header.typ.toLowerCase())) return false;
  return payload.typ === undefined || (typeof payload.typ === 'string' && payload.typ.toLowerCase() === 'bearer');
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
