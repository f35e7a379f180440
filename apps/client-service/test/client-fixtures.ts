import { randomUUID } from 'node:crypto';

/** A valid registration body with a unique email; override any field. */
export function aRegistration(overrides: Record<string, unknown> = {}) {
  return {
    givenName: 'Ada',
    familyName: 'Lovelace',
    email: `ada.${randomUUID().slice(0, 8)}@example.com`,
    phone: '+44 20 7946 0000',
    address: { line1: '12 St James Square', postalCode: 'SW1Y 4LB', city: 'London', country: 'GB' },
    companyId: null,
    ...overrides,
  };
}
