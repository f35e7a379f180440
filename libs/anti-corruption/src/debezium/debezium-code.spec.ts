import { MalformedChange } from './debezium-change';
import { capturedCode } from './debezium-code';

describe('capturedCode', () => {
  const statuses = { E: 'PENDING', V: 'CONFIRMED', L: 'SHIPPED', A: 'CANCELLED' } as const;

  it('reads a legacy code as the value it means', () => {
    expect(capturedCode('STATUT', 'E', statuses)).toBe('PENDING');
    expect(capturedCode('STATUT', 'A', statuses)).toBe('CANCELLED');
  });

  it('refuses, naming the column and the codes it knows, a code the legacy never had', () => {
    expect(() => capturedCode('STATUT', 'Z', statuses)).toThrow(new MalformedChange('STATUT is not one of E, V, L, A'));
    expect(() => capturedCode('STATUT', 'toString', statuses)).toThrow(MalformedChange);
  });
});
