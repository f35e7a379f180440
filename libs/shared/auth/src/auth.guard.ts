import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RpcException } from '@nestjs/microservices';
import { Metadata, status } from '@grpc/grpc-js';
import { HttpProblem } from '@bascule/shared/http';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS_RULE, AccessRule } from './access.decorators';
import { AUTH_CONFIG } from './auth.tokens';
import { AuthConfig } from './auth.config';
import { AuthError } from './auth.errors';
import { Principal, TokenVerifier } from './token-verifier';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller, set by AuthGuard. */
    principal?: Principal;
  }
}

/**
 * Deny by default, for HTTP and gRPC alike: a handler is reached only when it declares `@Public()` or
 * `@Roles(...)` and the caller's verified token carries every role it names.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      const principal = await this.authorize(context);
      if (principal && context.getType() === 'http') context.switchToHttp().getRequest<FastifyRequest>().principal = principal;
      return true;
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      throw context.getType() === 'rpc' ? toRpc(error) : toHttp(error, context, this.hadToken(context));
    }
  }

  private async authorize(context: ExecutionContext): Promise<Principal | undefined> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) throw AuthError.undeclared();
    if (rule.public || (rule.publicWhen && this.config[`${rule.publicWhen}Public`])) return undefined;
    const token = this.tokenOf(context);
    if (!token) throw AuthError.noToken();
    const principal = await this.verifier.verify(token);
    const missing = rule.roles.filter((role) => !principal.roles.includes(role));
    if (missing.length) throw AuthError.missingRoles(missing);
    return principal;
  }

  private hadToken(context: ExecutionContext): boolean {
    return this.tokenOf(context) !== undefined;
  }

  private tokenOf(context: ExecutionContext): string | undefined {
    const header = context.getType() === 'rpc' ? context.switchToRpc().getContext<Metadata | undefined>()?.get?.('authorization')[0]?.toString() : context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    return bearerToken(header);
  }
}

/** The token of an `Authorization: Bearer <token>` header; anything else counts as no token. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function toHttp(error: AuthError, context: ExecutionContext, hadToken: boolean): HttpProblem {
  const reply = context.switchToHttp().getResponse<FastifyReply>();
  if (!error.authenticated) {
    // RFC 6750 §3: the challenge, and invalid_token when a token was sent but refused.
    void reply.header('www-authenticate', hadToken ? `Bearer error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"` : 'Bearer');
    return new HttpProblem(401, error.code, 'Unauthorized', error.message);
  }
  if (error.missingRoles.length) void reply.header('www-authenticate', `Bearer error="insufficient_scope", error_description="${error.message}"`);
  return new HttpProblem(403, error.code, 'Forbidden', error.message);
}

function toRpc(error: AuthError): RpcException {
  return new RpcException({ code: error.authenticated ? status.PERMISSION_DENIED : status.UNAUTHENTICATED, message: `${error.code}: ${error.message}` });
}
