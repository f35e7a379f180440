import { InvalidValueError } from '@bascule/shared/ddd';

/** A rejection or a cancellation says why, for the client and the audit trail. */
export function orderReason(raw: string): string {
  const reason = raw.trim();
  if (!reason) throw new InvalidValueError('reason', 'a reason is needed');
  if (reason.length > 500) throw new InvalidValueError('reason', 'reason is longer than 500 characters');
  return reason;
}
