import { CallError } from './call-error';

export interface ServiceTokenSettings {
  /** The OpenID Provider's token endpoint (`<issuer>/protocol/openid-connect/token` for Keycloak). */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Share of a token's lifetime after which a new one is fetched (in the background, the old one still serves). */
  renewAt: number;
  /** After a failed fetch, no new try before this long: an outage of the provider is not hammered per call. */
  retryAfterFailureMs?: number;
  /** Time limit of one token request. */
  requestTimeoutMs?: number;
}

export interface TokenLogger {
  warn(message: string): void;
  log(message: string): void;
}

interface Token {
  value: string;
  renewAt: number;
  expiresAt: number;
}

/**
 * The service's own bearer token (OAuth 2 client credentials), for its calls to other contexts: fetched once,
 * shared by every call, renewed when `renewAt` of its lifetime has passed by one request while calls go on with
 * the current one (single flight). A provider outage is logged once, and once more when it is over; calls fail
 * with CALL.TOKEN_UNAVAILABLE only when no valid token is left.
 */
export class ServiceTokenSource {
  private current?: Token;
  private inFlight?: Promise<Token>;
  private failedAt?: number;
  private lastFailure?: unknown;

  constructor(
    private readonly settings: ServiceTokenSettings,
    private readonly logger: TokenLogger = console,
    private readonly now: () => number = Date.now,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async token(): Promise<string> {
    const now = this.now();
    const current = this.current;
    if (current && now < current.renewAt) return current.value;
    if (current && now < current.expiresAt) {
      if (!this.coolingDown(now)) void this.renew().catch(() => undefined);
      return current.value;
    }
    if (this.coolingDown(now) && !this.inFlight) throw this.unavailable(this.lastFailure);
    return (await this.renew()).value;
  }

  private coolingDown(now: number): boolean {
    return this.failedAt !== undefined && now - this.failedAt < (this.settings.retryAfterFailureMs ?? 1000);
  }

  private renew(): Promise<Token> {
    this.inFlight ??= this.request()
      .then((token) => {
        if (this.failedAt !== undefined)
          this.logger.log(`service token: ${this.settings.clientId} has a token again from ${this.settings.tokenUrl}`);
        this.failedAt = undefined;
        this.lastFailure = undefined;
        this.current = token;
        return token;
      })
      .catch((error: unknown) => {
        if (this.failedAt === undefined)
          this.logger.warn(
            `service token: ${this.settings.clientId} cannot get a token from ${this.settings.tokenUrl}: ${messageOf(error)} (logged once until it can)`,
          );
        this.failedAt = this.now();
        this.lastFailure = error;
        throw this.unavailable(error);
      })
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async request(): Promise<Token> {
    const requestedAt = this.now();
    const answer = await this.fetchImpl(this.settings.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.settings.clientId,
        client_secret: this.settings.clientSecret,
      }),
      signal: AbortSignal.timeout(this.settings.requestTimeoutMs ?? 5000),
    });
    // The provider's error body (`invalid_client`, ...) says why; it holds no secret.
    if (!answer.ok) throw new Error(`HTTP ${answer.status} ${(await answer.text()).slice(0, 200)}`);
    const body = (await answer.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number' || body.expires_in <= 0)
      throw new Error('the token response has no access_token or expires_in');
    const lifetimeMs = body.expires_in * 1000;
    return {
      value: body.access_token,
      renewAt: requestedAt + lifetimeMs * this.settings.renewAt,
      // Counted from the request, not the answer: a token is never used past its real expiry.
      expiresAt: requestedAt + lifetimeMs,
    };
  }

  private unavailable(cause: unknown): CallError {
    return new CallError('CALL.TOKEN_UNAVAILABLE', 'token', this.settings.clientId, messageOf(cause), { cause });
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
