import { FixedClock } from '@bascule/shared/ddd';
import { ClientChanges } from '../client-changes';
import { cloudRequest } from '../command-metadata';
import { RegisterClientCommand } from '../commands/register-client/register-client.command';
import { RegisterClientHandler } from '../commands/register-client/register-client.handler';
import { InMemoryClientRepository } from './in-memory-client.repository';

export const adaRegistration = {
  givenName: 'Ada',
  familyName: 'Lovelace',
  email: 'ada@example.com',
  phone: '+44 20 7946 0000',
  address: { line1: '12 St James Sq', postalCode: 'SW1Y 4LB', city: 'London', country: 'GB' },
};

/** A repository holding one registered client (version 1), and the shared change sequence over it. */
export async function givenARegisteredClient(data: Partial<typeof adaRegistration> = {}) {
  const repository = new InMemoryClientRepository();
  const clock = new FixedClock();
  const ref = await new RegisterClientHandler(repository, clock).execute(
    new RegisterClientCommand({ ...adaRegistration, ...data }, cloudRequest('corr-1')),
  );
  repository.saved.length = 0;
  return { repository, clock, changes: new ClientChanges(repository), id: ref.id, meta: cloudRequest('corr-2') };
}
