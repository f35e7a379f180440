import { MalformedChange } from './debezium-change';
import { capturedCode } from './debezium-code';

const STATUT = { A: 'AUTHORIZED', C: 'CAPTURED', R: 'REFUNDED' } as const;

describe('capturedCode', () => {
  it('reads a legacy code as the value it stands for, padding ignored', () => {
    expect(capturedCode('STATUT', 'C', STATUT)).toBe('CAPTURED');
    expect(capturedCode('STATUT', 'R ', STATUT)).toBe('REFUNDED');
  });

  it('refuses, naming the column and the codes it holds, a code the table is not known to hold', () => {
    expect(() => capturedCode('STATUT', 'Z', STATUT)).toThrow(new MalformedChange('STATUT "Z" is not A, C or R'));
    expect(() => capturedCode('STATUT', 'toString', STATUT)).toThrow(MalformedChange);
    expect(() => capturedCode('MODE', 'X', { C: 'CARD' })).toThrow('MODE "X" is not C');
  });
});
