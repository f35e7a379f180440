import { FixedClock, InvalidValueError } from '@bascule/shared/ddd';
import { Client } from './client';
import { ClientId } from './client-id';
import { ClientStatus } from './client-status';
import { ClientAlreadyErased } from './client.errors';
import { aParisAddress, aRegisteredClient, registration } from './testing/client.fixture';
import { Email } from './email';
import { PersonName } from './person-name';
import { Phone } from './phone';
import { PostalAddress } from './postal-address';

describe('Client', () => {
  it('is registered active, at version 1, with a ClientRegistered event carrying its data', () => {
    const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
    const client = Client.register(ClientId.generate(), registration(), clock);
    expect(client.version).toBe(1);
    expect(client.snapshot.status).toBe(ClientStatus.Active);
    expect(client.pendingEvents).toEqual([
      expect.objectContaining({
        type: 'ClientRegistered',
        aggregateId: client.id.value,
        aggregateVersion: 1,
        occurredAt: clock.now(),
        email: 'ada@example.com',
        givenName: 'Ada',
        status: 'ACTIVE',
      }),
    ]);
  });

  it('records a rename, and nothing when the name is the same', () => {
    const client = aRegisteredClient();
    client.rename(PersonName.of('Ada', 'Lovelace'));
    expect(client.pendingEvents).toHaveLength(0);
    client.rename(PersonName.of('Ada', 'King'));
    expect(client.pendingEvents.map((e) => e.type)).toEqual(['ClientRenamed']);
    expect(client.version).toBe(2);
  });

  it('records an address change, and nothing for an equal address', () => {
    const client = aRegisteredClient();
    client.changeAddress(aParisAddress());
    expect(client.pendingEvents).toHaveLength(0);
    client.changeAddress(
      PostalAddress.of({ line1: '1 Main St', postalCode: 'SW1A 1AA', city: 'London', country: 'gb' }),
    );
    expect(client.pendingEvents[0]).toMatchObject({
      type: 'ClientAddressChanged',
      address: { country: 'GB', line2: null },
    });
  });

  it('records an email change; the same email in other case changes nothing', () => {
    const client = aRegisteredClient();
    client.changeEmail(Email.of('ADA@Example.com'));
    expect(client.pendingEvents).toHaveLength(0);
    client.changeEmail(Email.of('ada@lovelace.org'));
    expect(client.pendingEvents[0]).toMatchObject({ type: 'ClientEmailChanged', email: 'ada@lovelace.org' });
  });

  it('is deactivated with a reason and reactivated; repeating either changes nothing', () => {
    const client = aRegisteredClient();
    client.deactivate('moved abroad');
    client.deactivate('again');
    expect(client.snapshot).toMatchObject({ status: 'INACTIVE', deactivationReason: 'moved abroad' });
    client.reactivate();
    client.reactivate();
    expect(client.pendingEvents.map((e) => e.type)).toEqual(['ClientDeactivated', 'ClientReactivated']);
    expect(client.snapshot.deactivationReason).toBeNull();
  });

  it('is registered without an email: its contact details are incomplete, the event says so', () => {
    const client = Client.register(ClientId.generate(), registration({ email: null }), new FixedClock());
    expect(client.snapshot.email).toBeNull();
    expect(client.pendingEvents[0]).toMatchObject({ type: 'ClientRegistered', email: null });
  });

  it('gets an email, loses it, and records nothing when it has none already', () => {
    const client = aRegisteredClient({ email: null });
    client.removeEmail();
    expect(client.pendingEvents).toHaveLength(0);
    client.changeEmail(Email.of('ada@lovelace.org'));
    client.removeEmail();
    client.removeEmail();
    expect(client.pendingEvents.map((e) => e.type)).toEqual(['ClientEmailChanged', 'ClientEmailRemoved']);
    expect(client.snapshot.email).toBeNull();
  });

  it('keeps refusing an email that is not one, with or without a current email', () => {
    expect(() => aRegisteredClient({ email: null }).changeEmail(Email.of('not an email'))).toThrow(InvalidValueError);
  });

  it('refuses a deactivation without a reason', () => {
    expect(() => aRegisteredClient().deactivate('   ')).toThrow(InvalidValueError);
  });

  it('is erased: personal data pseudonymised, the event carries none, the aggregate stays', () => {
    const client = aRegisteredClient({ companyId: 'ACME-1' });
    client.erase();
    const { name, email, phone, address, status, companyId } = client.snapshot;
    expect({ name: [name.givenName, name.familyName], email: email?.value, phone, address, status, companyId }).toEqual(
      {
        name: ['Erased', 'Client'],
        email: `erased-${client.id.value}@erased.invalid`,
        phone: null,
        address: null,
        status: 'ERASED',
        companyId: 'ACME-1',
      },
    );
    expect(JSON.stringify(client.pendingEvents)).not.toMatch(/Ada|Lovelace|ada@example|Rivoli|\+33/);
  });

  it('changes no more once erased; erasing again is a no-op', () => {
    const client = aRegisteredClient();
    client.erase();
    client.clearPendingEvents();
    client.erase();
    expect(client.pendingEvents).toHaveLength(0);
    expect(() => client.rename(PersonName.of('A', 'B'))).toThrow(ClientAlreadyErased);
    expect(() => client.changeEmail(Email.of('a@b.co'))).toThrow(ClientAlreadyErased);
    expect(() => client.removeEmail()).toThrow(ClientAlreadyErased);
    expect(() => client.changeAddress(aParisAddress())).toThrow(ClientAlreadyErased);
    expect(() => client.deactivate('x')).toThrow(ClientAlreadyErased);
    expect(() => client.reactivate()).toThrow(ClientAlreadyErased);
  });
});

describe('client value objects', () => {
  it.each([
    'plainaddress',
    'a@b',
    '@example.com',
    'a b@example.com',
    'a@-example.com',
    `${'x'.repeat(250)}@example.com`,
  ])('refuses the email %s', (raw) => {
    expect(() => Email.of(raw)).toThrow(expect.objectContaining({ field: 'email' }));
  });

  it('normalises emails to lower case', () => {
    expect(Email.of('  Ada.L+news@Example.COM ').value).toBe('ada.l+news@example.com');
  });

  it('refuses empty and oversized names, naming the field', () => {
    expect(() => PersonName.of(' ', 'X')).toThrow(expect.objectContaining({ field: 'givenName' }));
    expect(() => PersonName.of('X', 'y'.repeat(101))).toThrow(expect.objectContaining({ field: 'familyName' }));
  });

  it('refuses unknown countries and empty address lines', () => {
    expect(() => PostalAddress.of({ line1: 'x', postalCode: '1', city: 'c', country: 'XX' })).toThrow(
      expect.objectContaining({ field: 'address/country' }),
    );
    expect(() => PostalAddress.of({ line1: '', postalCode: '1', city: 'c', country: 'FR' })).toThrow(
      expect.objectContaining({ field: 'address/line1' }),
    );
  });

  it('accepts usual phone formats and refuses words', () => {
    expect(Phone.of('(555) 123-4567').value).toBe('(555) 123-4567');
    expect(() => Phone.of('call me')).toThrow(expect.objectContaining({ field: 'phone' }));
  });
});
