import fc from 'fast-check';
import { compositeLegacyKey } from './composite-legacy-key';

const lineKey = compositeLegacyKey({ NO_COMMANDE: 'integer', NO_LIGNE: 'integer' });

describe('a composite legacy key', () => {
  it('is the same text whatever the order of the columns it is read from, extra columns left out', () => {
    const fromRow = lineKey.parse({ NO_LIGNE: 2, REF_ARTICLE: 'A-1', NO_COMMANDE: 500001 });
    const fromMessageKey = lineKey.parse({ NO_COMMANDE: 500001, NO_LIGNE: 2 });
    expect(fromRow).toBe('{"NO_COMMANDE":500001,"NO_LIGNE":2}');
    expect(fromMessageKey).toBe(fromRow);
  });

  it('gives back its typed values', () => {
    expect(lineKey.decode(lineKey.encode({ NO_COMMANDE: 7, NO_LIGNE: 1 }))).toEqual({ NO_COMMANDE: 7, NO_LIGNE: 1 });
  });

  it('is undefined when a column is missing or not of its kind', () => {
    expect(lineKey.parse({ NO_COMMANDE: 7 })).toBeUndefined();
    expect(lineKey.parse({ NO_COMMANDE: '7', NO_LIGNE: 1 })).toBeUndefined();
    expect(lineKey.parse({ NO_COMMANDE: 7.5, NO_LIGNE: 1 })).toBeUndefined();
    expect(lineKey.parse(null)).toBeUndefined();
    expect(() => lineKey.encode({ NO_COMMANDE: 7, NO_LIGNE: Number.NaN })).toThrow(
      'integer NO_COMMANDE, integer NO_LIGNE',
    );
  });

  it('refuses a key of one column (a plain key is one)', () => {
    expect(() => compositeLegacyKey({ NO_CLIENT: 'integer' })).toThrow('at least two columns');
  });

  it('tells two keys apart exactly when their values differ, texts with quotes, commas and braces included', () => {
    const mixed = compositeLegacyKey({ REF: 'text', NO: 'integer' });
    const part = fc.record({ REF: fc.string({ minLength: 1 }), NO: fc.integer() });
    fc.assert(
      fc.property(part, part, (a, b) => {
        const same = a.REF === b.REF && a.NO === b.NO;
        expect(mixed.encode(a) === mixed.encode(b)).toBe(same);
        expect(mixed.decode(mixed.encode(a))).toEqual(a);
      }),
    );
  });
});
