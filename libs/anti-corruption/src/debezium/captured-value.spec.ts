import { capturedLegacyDate, requiredValue } from './captured-value';

describe('captured values', () => {
  it('reads a legacy DD/MM/YYYY date as ISO, and refuses what no calendar has', () => {
    expect(capturedLegacyDate('DATE_FACTURE', '29/02/2024')).toBe('2024-02-29');
    expect(capturedLegacyDate('DATE_FACTURE', '01/12/2009')).toBe('2009-12-01');
    for (const bad of ['29/02/2023', '31/04/2020', '2024-02-01', '1/2/2024', '00/01/2020', ''])
      expect(() => capturedLegacyDate('DATE_FACTURE', bad)).toThrow('DATE_FACTURE is not a DD/MM/YYYY date');
  });

  it('makes a row whose required column is NULL corrupt, naming the column', () => {
    expect(requiredValue('TVA', '0.00')).toBe('0.00');
    expect(() => requiredValue('TVA', null)).toThrow('TVA is NULL');
  });
});
