import { ExecutionContext, Injectable } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { Metadata, status } from '@grpc/grpc-js';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { Principal, rpcPrincipal } from '@bascule/shared/auth';
import { HttpProblem } from '@bascule/shared/http';

/** Who a request counts against: the verified caller (subject and client), else its address (public routes). */
export function callerKey(principal: Principal | undefined, address: string | undefined): string {
  return principal ? `caller:${principal.subject}:${principal.clientId ?? ''}` : `address:${address ?? 'unknown'}`;
}

/** What the tracker reads, for HTTP and gRPC alike. */
interface Caller {
  principal?: Principal;
  ip?: string;
}

/**
 * `@nestjs/throttler`'s guard, counting per caller over the whole service (not per route), for HTTP and gRPC.
 * Registered after the auth guard (RateLimitModule is imported after AuthModule), so the caller is known here.
 * Over the limit: 429 problem+json with `Retry-After`, or RESOURCE_EXHAUSTED with a `retry-after` trailer.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(caller: Caller): Promise<string> {
    return callerKey(caller.principal, caller.ip);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected override getRequestResponse(context: ExecutionContext): {
    req: Record<string, unknown>;
    res: Record<string, unknown>;
  } {
    if (context.getType() !== 'rpc') {
      const http = context.switchToHttp();
      return { req: http.getRequest<Record<string, unknown>>(), res: http.getResponse() };
    }
    const metadata = context.switchToRpc().getContext<Metadata | undefined>();
    const call = context.getArgByIndex<{ getPeer?: () => string } | undefined>(2);
    const caller: Caller = { principal: rpcPrincipal(metadata), ip: call?.getPeer?.().replace(/:\d+$/, '') };
    // `headers` for the user-agent filter; the response headers of a call are not written from a guard.
    return { req: { ...caller, headers: {} }, res: {} };
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    { limit, ttl, timeToBlockExpire }: ThrottlerLimitDetail,
  ): Promise<void> {
    const detail = `More than ${limit} requests in ${Math.round(ttl / 1000)} s from this caller; retry after ${timeToBlockExpire} s`;
    if (context.getType() === 'rpc') {
      const trailers = new Metadata();
      trailers.set('retry-after', String(timeToBlockExpire));
      throw new RpcException({
        code: status.RESOURCE_EXHAUSTED,
        message: `REQUEST.RATE_LIMITED: ${detail}`,
        metadata: trailers,
      });
    }
    throw new HttpProblem(429, 'REQUEST.RATE_LIMITED', 'Too many requests', detail);
  }
}
