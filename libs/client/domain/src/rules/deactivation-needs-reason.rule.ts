import { InvalidValueError } from '@bascule/shared/ddd';

/** A deactivation is explained, for support and for the audit trail. */
export function deactivationReason(raw: string): string {
  const reason = raw.trim();
  if (!reason) throw new InvalidValueError('reason', 'a deactivation needs a reason');
  if (reason.length > 500) throw new InvalidValueError('reason', 'reason is longer than 500 characters');
  return reason;
}
