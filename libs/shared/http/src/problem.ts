/** One offending input: `pointer` (RFC 6901, into the JSON body) or `parameter` (path, query or header). */
export interface ProblemFieldError {
  pointer?: string;
  parameter?: string;
  detail: string;
}

/** RFC 9457 problem details, as every Bascule HTTP error is sent (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  correlationId?: string;
  errors?: ProblemFieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An error that already knows its HTTP answer; thrown by the edge (pipes, guards, interceptors) only. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly errors?: ProblemFieldError[],
  ) {
    super(detail);
  }
}

export const problemType = (code: string) => `https://bascule.dev/problems/${code.toLowerCase().replace(/[._]/g, '-')}`;
