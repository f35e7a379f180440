import { clientEventContracts } from '@bascule/client/contracts';
import { pseudonymised } from './client-erasure';

const clientId = '0b9e3c1a-6d5f-4c1e-9a57-2f1c0a7e4b11';
const personal = { givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0000' };
const address = { line1: '12 St James Square', line2: 'Flat 2', postalCode: 'SW1Y 4LB', city: 'London', country: 'GB' };
const payloads: Record<string, object> = {
  'client.client-registered': { clientId, ...personal, address, companyId: 'ACME', status: 'ACTIVE' },
  'client.client-renamed': { clientId, givenName: 'Ada', familyName: 'King' },
  'client.client-address-changed': { clientId, address },
  'client.client-email-changed': { clientId, email: 'ada.king@example.com' },
  'client.client-email-removed': { clientId },
  'client.client-deactivated': { clientId, reason: 'Ada Lovelace asked to close the account' },
  'client.client-reactivated': { clientId },
  'client.client-erased': { clientId, erasedAt: '2026-11-25T10:00:00.000Z' },
};

describe('an erased client’s events written in clear (before sealing) still in the outbox', () => {
  it.each(Object.entries(payloads))('%s keeps no personal value', (_type, payload) => {
    const rewritten = pseudonymised(payload as Record<string, unknown>, clientId);
    expect(JSON.stringify(rewritten)).not.toMatch(/Ada|Lovelace|King|example\.com|7946|St James|London|SW1Y|Flat 2/);
  });

  it('keeps what is not personal: the id, the status, the company, the country', () => {
    expect(pseudonymised(payloads['client.client-registered'] as Record<string, unknown>, clientId)).toMatchObject({
      clientId,
      status: 'ACTIVE',
      companyId: 'ACME',
      address: { country: 'GB' },
    });
  });

  it('keeps a registration without email without one', () => {
    expect(pseudonymised({ ...payloads['client.client-registered'], email: null }, clientId).email).toBeNull();
  });

  it('leaves sealed fields as they are: the destroyed key made them unreadable (ADR 0033)', () => {
    const sealed = { clientId, givenName: `pd1.${clientId}.AAAA`, address: `pd1.${clientId}.BBBB` };
    expect(pseudonymised(sealed, clientId)).toEqual(sealed);
  });

  it('covers every v1 contract', () => {
    expect(Object.keys(payloads).sort()).toEqual(clientEventContracts.map((contract) => contract.type).sort());
  });
});
