/** Why a caller was turned away; each transport maps it once (401/403 problem+json, UNAUTHENTICATED/PERMISSION_DENIED). */
export class AuthError extends Error {
  private constructor(
    readonly code: 'AUTH.UNAUTHENTICATED' | 'AUTH.INVALID_TOKEN' | 'AUTH.FORBIDDEN',
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

  static undeclared() {
    return new AuthError('AUTH.FORBIDDEN', 'This operation declares no access rule, so nobody may call it');
  }
}
