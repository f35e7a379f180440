import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import {
  ConcurrencyError,
  DomainError,
  InvalidValueError,
  NotFoundError,
  RetryLaterError,
  UnprocessableError,
} from '@bascule/shared/ddd';
import { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, Problem, PROBLEM_CONTENT_TYPE, problemType } from './problem';

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

/**
 * The one place errors become HTTP answers, as RFC 9457 problem details: domain refusals by their
 * stable code, input errors naming the field, framework errors by status, a transient failure (the
 * database restarting, a connection lost: `transientReason` says which and why, usually the failure classifier) as a
 * 503 with `Retry-After`, and anything else as a 500 whose details stay in the log.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  /** `transientReason`: a short stable reason (an SQLSTATE, `CALL.DEADLINE_EXCEEDED`) when `error` is transient. */
  constructor(private readonly transientReason: (error: unknown) => string | undefined = () => undefined) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const reason = this.transientReason(exception);
    const problem = {
      ...this.toProblem(exception, reason !== undefined),
      instance: request.url,
      correlationId: String(request.id),
    };
    // Only the unexpected is logged with its stack; a transient failure (503, retried by the caller) is a warning,
    // and expected answers (4xx, a refusal by status) are the request log's line.
    if (problem.status === 503) {
      this.logger.warn(
        { code: problem.code, reason, correlationId: problem.correlationId },
        'request failed on a transient failure',
      );
      const retryAfter = exception instanceof RetryLaterError ? exception.retryAfterSeconds : 1;
      if (!reply.hasHeader('retry-after')) void reply.header('retry-after', String(retryAfter));
    } else if (problem.status >= 500 && !(exception instanceof HttpException)) {
      // Under `err`, so pino's serialiser (observability's safeError) writes its safe description and stack
      // frames, never its message: PostgreSQL's quote values (`invalid input syntax for type uuid: "…"`).
      this.logger.error({ err: exception, correlationId: problem.correlationId }, 'request failed');
    } else if (problem.status >= 500)
      this.logger.debug(
        { code: problem.code, status: problem.status, correlationId: problem.correlationId },
        'request refused',
      );
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(exception: unknown, transient: boolean): Problem {
    if (exception instanceof HttpProblem)
      return problem(exception.status, exception.code, exception.message, exception.title, exception.errors);
    if (exception instanceof DomainError) return fromDomain(exception);
    if (exception instanceof HttpException) return fromHttpException(exception);
    const framework = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof framework?.statusCode === 'number' && framework.statusCode >= 400 && framework.statusCode < 500) {
      return problem(
        framework.statusCode,
        `REQUEST.${framework.code ?? 'INVALID'}`,
        framework.message ?? 'Invalid request',
        undefined,
        framework.statusCode === 400 ? [{ pointer: '#/', detail: framework.message ?? 'is invalid' }] : undefined,
      );
    }
    if (transient) return problem(503, 'SERVICE.UNAVAILABLE', 'A dependency is briefly unavailable; retry the request');
    return problem(500, 'INTERNAL', 'The request could not be completed; the correlation id identifies it in the logs');
  }
}

function fromDomain(error: DomainError): Problem {
  if (error instanceof NotFoundError) return problem(404, error.code, error.message);
  if (error instanceof RetryLaterError) return problem(503, error.code, error.message);
  if (error instanceof ConcurrencyError) return problem(412, error.code, error.message);
  if (error instanceof InvalidValueError)
    return problem(400, error.code, error.message, undefined, [{ pointer: `#/${error.field}`, detail: error.message }]);
  if (error instanceof UnprocessableError)
    return problem(422, error.code, error.message, undefined, [{ pointer: `#/${error.field}`, detail: error.message }]);
  return problem(409, error.code, error.message);
}

function fromHttpException(exception: HttpException): Problem {
  const status = exception.getStatus();
  const response = exception.getResponse() as string | { message?: string | string[] };
  const message =
    typeof response === 'string'
      ? response
      : Array.isArray(response.message)
        ? response.message.join('; ')
        : (response.message ?? exception.message);
  const code = HTTP_CODES[status] ?? `HTTP.${status}`;
  return problem(status, code, message, undefined, status === 400 ? [{ pointer: '#/', detail: message }] : undefined);
}

const HTTP_CODES: Record<number, string> = {
  400: 'REQUEST.MALFORMED',
  404: 'ROUTE.NOT_FOUND',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

function problem(status: number, code: string, detail: string, title?: string, errors?: Problem['errors']): Problem {
  return {
    type: problemType(code),
    title: title ?? TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors?.length ? { errors } : {}),
  };
}
