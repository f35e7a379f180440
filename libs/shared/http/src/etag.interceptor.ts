import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { etagOf } from './etag';

/** Answers with `ETag: "<version>"` of the resource a route returns (`{ version }`), for If-Match next. */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((resource: { version?: unknown }) => {
        if (typeof resource?.version === 'number') void reply.header('etag', etagOf(resource.version));
        return resource;
      }),
    );
  }
}
