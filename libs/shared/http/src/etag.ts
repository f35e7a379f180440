import { HttpProblem } from './problem';

/** Strong ETag of an aggregate version. */
export const etagOf = (version: number) => `"${version}"`;

/**
 * The version a state-changing request expects, from `If-Match`. Missing → 428 (the caller must say what
 * it saw); unparseable → 412 (it cannot match). A stale one becomes 412 when the aggregate is loaded.
 */
export function expectedVersionFrom(ifMatch: string | undefined): number {
  if (!ifMatch)
    throw new HttpProblem(
      428,
      'REQUEST.PRECONDITION_REQUIRED',
      'Precondition required',
      'Send If-Match with the ETag you read',
      [{ parameter: 'If-Match', detail: 'is required' }],
    );
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(ifMatch.trim());
  if (!match)
    throw new HttpProblem(
      412,
      'REQUEST.PRECONDITION_FAILED',
      'Precondition failed',
      `If-Match ${ifMatch} is not an ETag of this resource`,
      [{ parameter: 'If-Match', detail: 'is not a valid ETag' }],
    );
  return Number(match[1]);
}
