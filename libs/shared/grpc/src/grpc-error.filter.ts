import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { status } from '@grpc/grpc-js';
import {
  ConcurrencyError,
  DomainError,
  InvalidValueError,
  NotFoundError,
  RetryLaterError,
  UnprocessableError,
} from '@bascule/shared/ddd';
import { isTransient } from '@bascule/shared/application';
import { Observable, throwError } from 'rxjs';

/** Errors → gRPC status codes, once for the transport; the domain code leads the message. */
@Catch()
export class GrpcErrorFilter implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => new RpcException(toStatus(exception)).getError());
  }
}

export function toStatus(exception: unknown): { code: status; message: string } {
  // Already a gRPC status (the auth guard's UNAUTHENTICATED / PERMISSION_DENIED): passed through as is.
  if (exception instanceof RpcException && typeof exception.getError() === 'object')
    return exception.getError() as { code: status; message: string };
  if (exception instanceof InvalidValueError)
    return {
      code: status.INVALID_ARGUMENT,
      message: `${exception.code}: ${exception.details.field}: ${exception.message}`,
    };
  if (exception instanceof NotFoundError)
    return { code: status.NOT_FOUND, message: `${exception.code}: ${exception.message}` };
  if (exception instanceof ConcurrencyError)
    return { code: status.ABORTED, message: `${exception.code}: ${exception.message}` };
  // Well-formed, but what it names is unknown here (a sku, a client): the field is named, as REST's 422 does.
  if (exception instanceof UnprocessableError)
    return {
      code: status.FAILED_PRECONDITION,
      message: `${exception.code}: ${exception.field}: ${exception.message}`,
    };
  // A limit of the service reached: "retry later", as HTTP's 503.
  if (exception instanceof RetryLaterError)
    return { code: status.UNAVAILABLE, message: `${exception.code}: ${exception.message}` };
  if (exception instanceof DomainError)
    return { code: status.FAILED_PRECONDITION, message: `${exception.code}: ${exception.message}` };
  // The database restarting or a connection lost (ADR 0014): the standard "retry later" code, as HTTP's 503.
  if (isTransient(exception))
    return {
      code: status.UNAVAILABLE,
      message: 'SERVICE.UNAVAILABLE: a dependency is briefly unavailable; retry the call',
    };
  return { code: status.INTERNAL, message: 'INTERNAL: the request could not be completed' };
}
