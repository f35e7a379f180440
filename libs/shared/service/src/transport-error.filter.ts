import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { classifyFailure } from '@bascule/shared/application';
import { GrpcErrorFilter } from '@bascule/shared/grpc';
import { ProblemDetailsFilter } from '@bascule/shared/http';

/** Errors mapped once per transport: problem+json for HTTP, a gRPC status for calls. */
@Catch()
export class TransportErrorFilter implements ExceptionFilter {
  private readonly http = new ProblemDetailsFilter((error) => {
    const failure = classifyFailure(error);
    return failure.kind === 'transient' ? failure.reason : undefined;
  });
  private readonly grpc = new GrpcErrorFilter();

  catch(exception: unknown, host: ArgumentsHost) {
    return host.getType() === 'rpc' ? this.grpc.catch(exception, host) : this.http.catch(exception, host);
  }
}
