import { FixedClock } from '@bascule/shared/ddd';
import { Client, RegisterClient } from '../client';
import { ClientId } from '../client-id';
import { Email } from '../email';
import { PersonName } from '../person-name';
import { Phone } from '../phone';
import { PostalAddress } from '../postal-address';

export const aParisAddress = () =>
  PostalAddress.of({ line1: '12 rue de Rivoli', postalCode: '75001', city: 'Paris', country: 'FR' });

export function registration(overrides: Partial<RegisterClient> = {}): RegisterClient {
  return {
    name: PersonName.of('Ada', 'Lovelace'),
    email: Email.of('ada@example.com'),
    phone: Phone.of('+33 1 23 45 67 89'),
    address: aParisAddress(),
    companyId: null,
    ...overrides,
  };
}

/** A registered client whose registration event has already been saved. */
export function aRegisteredClient(overrides: Partial<RegisterClient> = {}, clock = new FixedClock()): Client {
  const client = Client.register(ClientId.generate(), registration(overrides), clock);
  client.clearPendingEvents();
  return client;
}
