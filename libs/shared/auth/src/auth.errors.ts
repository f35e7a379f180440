/** Why a caller was turned away; each transport maps it once (401/403 problem+json, UNAUTHENTICATED/PERMISSION_DENIED). */
export class AuthError extends Error {
  private constructor(
    readonly code: 'AUTH.UNAUTHENTICATED' | 'AUTH.INVALID_TOKEN' | 'AUTH.FORBIDDEN' | 'AUTH.PROVIDER_UNAVAILABLE',
    message: string,
    readonly missingRoles: readonly string[] = [],
  ) {
    super(message);
    this.name = 'AuthError';
  }

  get authenticated(): boolean {
    return this.code === 'AUTH.FORBIDDEN';
  }

  static noToken() {
    return new AuthError('AUTH.UNAUTHENTICATED', 'A bearer token is required');
  }

  static invalidToken(reason: string) {
    return new AuthError('AUTH.INVALID_TOKEN', `The bearer token is not valid: ${reason}`);
  }

  static missingRoles(roles: readonly string[]) {
    return new AuthError('AUTH.FORBIDDEN', `Missing role: ${roles.join(', ')}`, roles);
  }

  /** The issuer's keys cannot be read: the caller is not at fault (503 / UNAVAILABLE), and may retry. */
  static providerUnavailable(detail: string) {
    return new AuthError('AUTH.PROVIDER_UNAVAILABLE', `The token cannot be verified now: ${detail}`);
  }

  get unavailable(): boolean {
    return this.code === 'AUTH.PROVIDER_UNAVAILABLE';
  }

  static undeclared() {
    return new AuthError('AUTH.FORBIDDEN', 'This operation declares no access rule, so nobody may call it');
  }
}
