import { LegacyTableDefinition } from '../legacy-table';
import { CapturedChange } from '@bascule/shared/contracts';
import { decideChange } from './change-decision';

type Row = { ID: number; NAME: string | null };
class Unreadable extends Error {
  readonly safeMessage = true;
}
const table: Pick<LegacyTableDefinition<Row, string, number>, 'capture' | 'translate'> = {
  capture: {
    table: 'T',
    keyOf: () => undefined,
    decode: (value) => {
      if (!value) return null;
      if (value.toString() === 'garbage') throw new Unreadable('not JSON at position 0');
      return JSON.parse(value.toString()) as CapturedChange<Row, number>;
    },
  },
  translate: (change) => {
    if (change.row.NAME === 'boom') throw new TypeError('cannot read properties of undefined');
    return change.row.NAME
      ? { value: change.row.NAME, kept: { NAME: change.row.NAME } }
      : { quarantine: ['NAME is empty', 'NAME again'] };
  },
};
const change = (lsn: number, NAME: string | null = 'ada'): Buffer =>
  Buffer.from(JSON.stringify({ deleted: false, key: 7, row: { ID: 7, NAME }, lsn, txId: 1, committedAtMs: 0 }));
const decide = (value: Buffer | null, last?: number) => decideChange(value, table, () => last);

describe('deciding what to do with a captured change', () => {
  it('skips a tombstone', () => {
    expect(decide(null)).toEqual({ kind: 'tombstone' });
  });

  it('sets an unreadable value aside as malformed, described safely', () => {
    expect(decide(Buffer.from('garbage'))).toEqual({
      kind: 'set-aside',
      reason: 'malformed',
      error: 'not JSON at position 0',
    });
  });

  it('skips a change at or below the position last applied for its key, and applies one above it', () => {
    expect(decide(change(10), 10)).toEqual({ kind: 'duplicate', lsn: 10 });
    expect(decide(change(9), 10)).toEqual({ kind: 'duplicate', lsn: 9 });
    expect(decide(change(11), 10)).toMatchObject({
      kind: 'apply',
      value: 'ada',
      kept: { NAME: 'ada' },
      change: { lsn: 11 },
    });
    expect(decide(change(1))).toMatchObject({ kind: 'apply' });
  });

  it('quarantines what the translator refuses, with all its reasons', () => {
    expect(decide(change(12, null))).toEqual({
      kind: 'set-aside',
      reason: 'quarantined',
      error: 'NAME is empty; NAME again',
    });
  });

  it('sets aside at once, as a failed translation, a change whose translator throws (no retry would change it)', () => {
    expect(decide(change(13, 'boom'))).toEqual({ kind: 'set-aside', reason: 'translation-failed', error: 'TypeError' });
  });

  it('skips a replay before translating it: an old row the model now refuses is not quarantined again', () => {
    expect(decide(change(5, null), 10)).toEqual({ kind: 'duplicate', lsn: 5 });
  });

  it('drops a change to an erased subject before translating it: never applied, never quarantined with its data', () => {
    const erased = (key: number) => key === 7;
    expect(decideChange(change(14, null), table, () => undefined, erased)).toEqual({ kind: 'erased' });
    expect(decideChange(change(15), table, () => undefined, erased)).toEqual({ kind: 'erased' });
    expect(
      decideChange(
        change(15),
        table,
        () => undefined,
        () => false,
      ),
    ).toMatchObject({ kind: 'apply' });
  });
});
