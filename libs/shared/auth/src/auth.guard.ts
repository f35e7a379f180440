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

/** The verified caller of each gRPC call in flight, by its metadata (gRPC has no request object to carry it). */
const rpcPrincipals = new WeakMap<object, Principal>();

/** The verified caller of a gRPC call, as `AuthGuard` put it, when the call required a token. */
export function rpcPrincipal(metadata: object | undefined): Principal | undefined {
  return metadata ? rpcPrincipals.get(metadata) : undefined;
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
      if (principal && context.getType() === 'http')
        context.switchToHttp().getRequest<FastifyRequest>().principal = principal;
      const metadata = context.getType() === 'rpc' ? context.switchToRpc().getContext<object | undefined>() : undefined;
      if (principal && metadata) rpcPrincipals.set(metadata, principal);
      return true;
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      throw context.getType() === 'rpc' ? toRpc(error) : toHttp(error, context, this.hadToken(context));
    }
  }

  private async authorize(context: ExecutionContext): Promise<Principal | undefined> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
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
    const header =
      context.getType() === 'rpc'
        ? context.switchToRpc().getContext<Metadata | undefined>()?.get?.('authorization')[0]?.toString()
        : context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    return bearerToken(header);
  }
}

/** The token of an `Authorization: Bearer <token>` header; anything else counts as no token. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function toHttp(error: AuthError, context: ExecutionContext, hadToken: boolean): HttpProblem {
  const { problem, headers } = httpAnswerOf(error, hadToken);
  const reply = context.switchToHttp().getResponse<FastifyReply>();
  for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
  return problem;
}

/** 401 with the RFC 6750 challenge (`invalid_token` when a token was sent but refused), 403 naming the roles, 503 when the keys cannot be read. */
export function httpAnswerOf(
  error: AuthError,
  hadToken: boolean,
): { problem: HttpProblem; headers: Record<string, string> } {
  const description = error.message.replace(/"/g, "'");
  if (error.unavailable)
    return {
      problem: new HttpProblem(503, error.code, 'Service unavailable', error.message),
      headers: { 'retry-after': '5' },
    };
  if (error.authenticated) {
    const headers: Record<string, string> = error.missingRoles.length
      ? { 'www-authenticate': `Bearer error="insufficient_scope", error_description="${description}"` }
      : {};
    return { problem: new HttpProblem(403, error.code, 'Forbidden', error.message), headers };
  }
  const challenge = hadToken ? `Bearer error="invalid_token", error_description="${description}"` : 'Bearer';
  return {
    problem: new HttpProblem(401, error.code, 'Unauthorized', error.message),
    headers: { 'www-authenticate': challenge },
  };
}

function toRpc(error: AuthError): RpcException {
  const code = error.unavailable
    ? status.UNAVAILABLE
    : error.authenticated
      ? status.PERMISSION_DENIED
      : status.UNAUTHENTICATED;
  return new RpcException({ code, message: `${error.code}: ${error.message}` });
}
