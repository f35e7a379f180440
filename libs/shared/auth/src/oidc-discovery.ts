import { Logger } from '@nestjs/common';
import { AuthConfig } from './auth.config';
import { AuthError } from './auth.errors';

/**
 * AUTH_JWKS_URL, or OIDC discovery: `<issuer>/.well-known/openid-configuration` names the `jwks_uri`.
 * A provider that cannot be reached is a plain error (the caller backs off and reports the outage); a document
 * that does not match the configuration is an AuthError, logged here once per distinct problem.
 */
export class OidcDiscovery {
  /** Misconfigurations already logged: each is logged once, not on every request it turns away. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly config: AuthConfig,
    private readonly logger: Pick<Logger, 'error'>,
  ) {}

  async jwksUrl(): Promise<string> {
    if (this.config.jwksUrl) return this.config.jwksUrl;
    const discovery = `${this.config.issuer}/.well-known/openid-configuration`;
    let document: { issuer?: string; jwks_uri?: string };
    try {
      const answer = await fetch(discovery, { signal: AbortSignal.timeout(5000) });
      if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
      document = (await answer.json()) as typeof document;
    } catch (error) {
      throw new Error(`the issuer's discovery document cannot be read (${discovery}: ${(error as Error).message})`, {
        cause: error,
      });
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
