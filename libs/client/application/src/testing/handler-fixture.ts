import { Client, ClientEmailTaken, ClientStatus } from '@bascule/client/domain';
import { cloudRequest, CommandTarget } from '@bascule/shared/application';
import { InMemoryAggregateRepository, StoreRule } from '@bascule/shared/application/testing';
import { FixedClock } from '@bascule/shared/ddd';
import { ClientChanges } from '../client-changes';
import { RegisterClientCommand } from '../commands/register-client/register-client.command';
import { RegisterClientHandler } from '../commands/register-client/register-client.handler';

export const adaRegistration = {
  givenName: 'Ada',
  familyName: 'Lovelace',
  email: 'ada@example.com',
  phone: '+44 20 7946 0000',
  address: { line1: '12 St James Sq', postalCode: 'SW1Y 4LB', city: 'London', country: 'GB' },
};

/** The database's unique index on the email of clients not erased (a client without email takes none). */
const uniqueEmail: StoreRule<Client> = (candidate, others) => {
  const emailOf = (client: Client) =>
    client.snapshot.status === ClientStatus.Erased ? undefined : client.snapshot.email?.value;
  const email = emailOf(candidate);
  if (email && others.some((other) => emailOf(other) === email)) throw new ClientEmailTaken();
};

export const inMemoryClients = () => new InMemoryAggregateRepository<Client>([uniqueEmail]);

/** A repository holding one registered client (version 1), the change sequence over it, and a target at v1. */
export async function givenARegisteredClient(data: Partial<typeof adaRegistration> = {}) {
  const repository = inMemoryClients();
  const clock = new FixedClock();
  const changes = new ClientChanges(repository);
  const ref = await new RegisterClientHandler(changes, clock).execute(
    new RegisterClientCommand({ ...adaRegistration, ...data }, cloudRequest('corr-1')),
  );
  repository.forgetSaved();
  const target = (expectedVersion = 1): CommandTarget => ({
    aggregateId: ref.id,
    expectedVersion,
    metadata: cloudRequest('corr-2'),
  });
  return { repository, clock, changes, id: ref.id, target };
}
