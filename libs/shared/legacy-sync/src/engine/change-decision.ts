import { describeError } from '@bascule/shared/application';
import { LegacyTableDefinition } from '../legacy-table';
import { CapturedChange, LegacyKey } from '@bascule/shared/contracts';

/**
 * Why a change is set aside: `malformed` (unreadable), `quarantined` (the model cannot take the row) or
 * `translation-failed` (the translator threw: a bug or a row it did not foresee; no retry would change that).
 */
export type SetAsideReason = 'malformed' | 'quarantined' | 'translation-failed';

export type ChangeDecision<Row, V, K extends LegacyKey> =
  | { kind: 'tombstone' }
  | { kind: 'duplicate'; lsn: number }
  | { kind: 'erased' }
  | { kind: 'set-aside'; reason: SetAsideReason; error: string }
  | { kind: 'apply'; change: CapturedChange<Row, K>; value: V; kept: unknown };

/**
 * What to do with one message, before anything is applied: a tombstone and a replay (at or below the key's
 * last applied position) are skipped, a change to an erased subject dropped before it is translated (so never
 * quarantined with its data: ADR 0033), an unreadable value or a row the ACL quarantines is set aside.
 */
export function decideChange<Row, V, K extends LegacyKey>(
  value: Buffer | null,
  table: Pick<LegacyTableDefinition<Row, V, K>, 'capture' | 'translate'>,
  lastLsnOf: (key: K) => number | undefined,
  isErased: (key: K) => boolean = () => false,
): ChangeDecision<Row, V, K> {
  let change: CapturedChange<Row, K> | null;
  try {
    change = table.capture.decode(value);
  } catch (error) {
    return { kind: 'set-aside', reason: 'malformed', error: describeError(error) };
  }
  if (!change) return { kind: 'tombstone' };
  const last = lastLsnOf(change.key);
  if (last !== undefined && change.lsn <= last) return { kind: 'duplicate', lsn: change.lsn };
  if (isErased(change.key)) return { kind: 'erased' };
  let translated: ReturnType<typeof table.translate>;
  try {
    translated = table.translate(change);
  } catch (error) {
    return { kind: 'set-aside', reason: 'translation-failed', error: describeError(error) };
  }
  if (translated.quarantine)
    return { kind: 'set-aside', reason: 'quarantined', error: translated.quarantine.join('; ') };
  return { kind: 'apply', change, value: translated.value as V, kept: translated.kept };
}
