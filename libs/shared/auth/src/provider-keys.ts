import { Logger } from '@nestjs/common';
import {
  circuitBreaker,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  FailureReason,
  halfJitterGenerator,
  handleWhen,
} from 'cockatiel';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  ExportedJWKSCache,
  FlattenedJWSInput,
  JWKSCacheInput,
  jwksCache,
  JWSHeaderParameters,
} from 'jose';
import { authMetrics } from './auth-metrics';
import { AuthConfig } from './auth.config';
import { AuthError } from './auth.errors';
import { OidcDiscovery } from './oidc-discovery';

type RemoteKeys = ReturnType<typeof createRemoteJWKSet>;

/**
 * The issuer's signing keys (jose's remote JWKS: cached for AUTH_JWKS_CACHE_MAX_AGE_SECONDS, refetched for an
 * unknown `kid` at most every AUTH_JWKS_COOLDOWN_SECONDS), kept usable through a provider outage:
 * - a failed discovery or key fetch opens a circuit (cockatiel): the provider is asked again after a backoff
 *   that doubles from AUTH_PROVIDER_BACKOFF_SECONDS up to AUTH_PROVIDER_BACKOFF_MAX_SECONDS, by one call at a
 *   time and in the background, never by every request;
 * - meanwhile tokens are verified with the keys last fetched, for AUTH_PROVIDER_OUTAGE_GRACE_SECONDS after
 *   that fetch (a token whose key is not among them cannot be verified: 503, as before);
 * - the outage is logged once when it starts and once when it ends, and shown by `health()` and metrics.
 */
export class ProviderKeys {
  private remote?: Promise<RemoteKeys>;
  /** Where jose keeps the keys it last fetched, and when (`uat`): what verifies tokens while the provider is away. */
  private readonly lastFetched: JWKSCacheInput = {};
  private readonly breaker: CircuitBreakerPolicy;
  private outage?: { since: Date; reason: string };

  constructor(
    private readonly config: AuthConfig,
    private readonly discovery: OidcDiscovery,
    private readonly logger: Pick<Logger, 'error' | 'log'>,
  ) {
    this.breaker = circuitBreaker(handleWhen(providerUnreachable), {
      breaker: new ConsecutiveBreaker(1),
      halfOpenAfter: new ExponentialBackoff({
        generator: halfJitterGenerator, // between half and all of the doubled wait: replicas do not retry in step
        initialDelay: config.providerBackoffSeconds * 1000,
        maxDelay: config.providerBackoffMaxSeconds * 1000,
      }),
    });
    this.breaker.onBreak((failure) => this.unreachable(failure));
    this.breaker.onReset(() => this.reachable());
    this.breaker.onSuccess(() => authMetrics.providerUp.set(1));
  }

  /** jose's key lookup for `jwtVerify`. */
  readonly getKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    if (this.breaker.state !== CircuitState.Closed) {
      this.probe();
      return this.lastKnownKey(header, token);
    }
    try {
      return await this.breaker.execute(async () => (await this.remoteKeys())(header, token));
    } catch (error) {
      if (!providerUnreachable(error)) throw error;
      return this.lastKnownKey(header, token);
    }
  };

  /** For `/health/details`: throws while the provider cannot be reached, saying until when tokens still verify. */
  async health(): Promise<Record<string, unknown>> {
    if (this.breaker.state === CircuitState.Closed && !this.fresh())
      await this.breaker.execute(() => this.refresh()).catch(() => undefined);
    else this.probe();
    const fetched = this.fetchedAt();
    if (this.outage)
      throw new Error(
        `unreachable since ${this.outage.since.toISOString()} (${this.outage.reason}); ${this.fallback()}`,
      );
    return { keysFetchedAt: fetched?.toISOString() };
  }

  private remoteKeys(): Promise<RemoteKeys> {
    this.remote ??= this.discovery.jwksUrl().then((url) =>
      createRemoteJWKSet(new URL(url), {
        cooldownDuration: this.config.jwksCooldownSeconds * 1000,
        cacheMaxAge: this.config.jwksCacheMaxAgeSeconds * 1000,
        timeoutDuration: 5000,
        [jwksCache]: this.lastFetched,
      }),
    );
    // A provider down at start-up must not leave the service unable to verify for ever: the next attempt retries.
    this.remote.catch(() => (this.remote = undefined));
    return this.remote;
  }

  private async refresh(): Promise<void> {
    await (await this.remoteKeys()).reload();
  }

  /** Once the backoff has run out, one attempt to reach the provider again, which no request waits for. */
  private probe(): void {
    if (this.breaker.state === CircuitState.Open) this.breaker.execute(() => this.refresh()).catch(() => undefined);
  }

  private async lastKnownKey(header: JWSHeaderParameters, token: FlattenedJWSInput) {
    const failure = this.breaker.lastFailure;
    const cause = failure && 'error' in failure ? failure.error : undefined;
    if (cause instanceof AuthError) throw cause; // a misconfiguration, logged by discovery
    const { jwks } = this.lastFetched as Partial<ExportedJWKSCache>;
    const fetched = this.fetchedAt();
    if (!jwks || !fetched)
      throw AuthError.providerUnavailable(`the identity provider cannot be reached (${describe(cause)})`);
    if (Date.now() - fetched.getTime() > this.config.providerOutageGraceSeconds * 1000)
      throw AuthError.providerUnavailable(
        `the identity provider cannot be reached and the keys last fetched from it are past their grace period`,
      );
    try {
      const key = await createLocalJWKSet(jwks)(header, token);
      authMetrics.verifiedWithLastKnownKeys.inc();
      return key;
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey)
        throw AuthError.providerUnavailable(
          `the token's key is not among those last fetched, and the identity provider cannot be reached`,
        );
      throw error;
    }
  }

  private unreachable(failure: FailureReason<unknown> | { isolated: true }): void {
    authMetrics.providerUp.set(0);
    if (this.outage) return; // one outage, reported once however many attempts fail
    const cause = 'error' in failure ? failure.error : undefined;
    this.outage = { since: new Date(), reason: describe(cause) };
    if (cause instanceof AuthError) return; // a misconfiguration: discovery has logged what is wrong
    this.logger.error(
      { issuer: this.config.issuer },
      `the identity provider cannot be reached (${this.outage.reason}); ${this.fallback()}; asking again with backoff`,
    );
  }

  private reachable(): void {
    authMetrics.providerUp.set(1);
    if (!this.outage) return;
    const seconds = Math.round((Date.now() - this.outage.since.getTime()) / 1000);
    this.outage = undefined;
    this.logger.log(`the identity provider answers again after ${seconds} s of outage; keys refreshed`);
  }

  private fallback(): string {
    const fetched = this.fetchedAt();
    if (!fetched) return 'no keys were fetched from it yet: calls needing a token answer 503';
    const until = new Date(fetched.getTime() + this.config.providerOutageGraceSeconds * 1000);
    return `tokens are verified with the keys fetched at ${fetched.toISOString()} until ${until.toISOString()} (AUTH_PROVIDER_OUTAGE_GRACE_SECONDS)`;
  }

  private fetchedAt(): Date | undefined {
    const { uat } = this.lastFetched as Partial<ExportedJWKSCache>;
    return uat === undefined ? undefined : new Date(uat);
  }

  private fresh(): boolean {
    const fetched = this.fetchedAt();
    return !!fetched && Date.now() - fetched.getTime() < this.config.jwksCacheMaxAgeSeconds * 1000;
  }
}

/** The provider is down, slow, or answers something other than keys: its fault, not the token's. */
export function providerUnreachable(error: unknown): boolean {
  if (error instanceof AuthError) return error.unavailable;
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (error instanceof errors.JOSEError)
    return error.code === 'ERR_JOSE_GENERIC' && /JSON Web Key Set HTTP response/.test(error.message);
  // fetch failed (refused, reset, DNS, TLS), timed out, or a body that is not JSON; a bug elsewhere is no outage.
  // Duck-typed: undici's errors come from Node's own realm, where `instanceof Error` does not hold under a VM.
  if (typeof error !== 'object' || error === null) return false;
  const { name, message, code } = error as { name?: unknown; message?: unknown; code?: unknown };
  if (name === 'AbortError' || name === 'TimeoutError' || name === 'SyntaxError') return true;
  return message === 'fetch failed' || (typeof code === 'string' && NETWORK_CODES.test(code));
}

const NETWORK_CODES = /^(E(CONN|HOST|NET|AI_|PIPE|TIMEDOUT|NOTFOUND)|UND_ERR_)/;

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
