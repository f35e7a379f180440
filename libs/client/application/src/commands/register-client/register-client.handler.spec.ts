import { ClientEmailTaken } from '@bascule/client/domain';
import { cloudRequest } from '@bascule/shared/application';
import { FixedClock, InvalidValueError } from '@bascule/shared/ddd';
import { ClientChanges } from '../../client-changes';
import { adaRegistration, inMemoryClients } from '../../testing/handler-fixture';
import { RegisterClientCommand } from './register-client.command';
import { RegisterClientHandler } from './register-client.handler';

describe('RegisterClientHandler', () => {
  const setup = () => {
    const repository = inMemoryClients();
    return { repository, handler: new RegisterClientHandler(new ClientChanges(repository), new FixedClock()) };
  };

  it('registers a client at version 1 and saves its registration event with the request metadata', async () => {
    const { repository, handler } = setup();
    const ref = await handler.execute(new RegisterClientCommand(adaRegistration, cloudRequest('corr-1')));
    expect(ref.version).toBe(1);
    expect(repository.saved).toEqual([
      {
        events: [expect.objectContaining({ type: 'ClientRegistered', aggregateId: ref.id })],
        metadata: expect.objectContaining({ correlationId: 'corr-1', originSystem: 'cloud' }),
      },
    ]);
  });

  it('keeps an id decided by the caller', async () => {
    const { handler } = setup();
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect((await handler.execute(new RegisterClientCommand(adaRegistration, cloudRequest(), id))).id).toBe(id);
  });

  it('refuses a second client with the same email, whatever its case', async () => {
    const { handler } = setup();
    await handler.execute(new RegisterClientCommand(adaRegistration, cloudRequest()));
    const twin = new RegisterClientCommand({ ...adaRegistration, email: 'ADA@example.com' }, cloudRequest());
    await expect(handler.execute(twin)).rejects.toBeInstanceOf(ClientEmailTaken);
  });

  it('refuses invalid data, naming the field, and saves nothing', async () => {
    const { repository, handler } = setup();
    const address = { ...adaRegistration.address, country: 'ZZ' };
    await expect(
      handler.execute(new RegisterClientCommand({ ...adaRegistration, address }, cloudRequest())),
    ).rejects.toMatchObject({ field: 'address/country' });
    await expect(
      handler.execute(new RegisterClientCommand({ ...adaRegistration, email: 'nope' }, cloudRequest())),
    ).rejects.toBeInstanceOf(InvalidValueError);
    expect(repository.saved).toHaveLength(0);
  });
});
