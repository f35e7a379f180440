import { ClientNotFound } from '@bascule/client/domain';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { givenARegisteredClient } from '../../testing/handler-fixture';
import { ChangeClientAddressCommand } from './change-client-address.command';
import { ChangeClientAddressHandler } from './change-client-address.handler';

describe('ChangeClientAddressHandler', () => {
  it('records ClientAddressChanged and returns the next version', async () => {
    const { repository, changes, id, meta } = await givenARegisteredClient();
    const ref = await new ChangeClientAddressHandler(changes).execute(
      new ChangeClientAddressCommand(
        id,
        1,
        { line1: '1 Rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
        meta,
      ),
    );
    expect(ref).toEqual({ id, version: 2 });
    expect(repository.events.map((e) => e.type)).toEqual(['ClientAddressChanged']);
  });

  it('saves nothing when the command changes nothing', async () => {
    const { repository, changes, id, meta } = await givenARegisteredClient();
    const ref = await new ChangeClientAddressHandler(changes).execute(
      new ChangeClientAddressCommand(
        id,
        1,
        { line1: '12 St James Sq', postalCode: 'SW1Y 4LB', city: 'London', country: 'gb' },
        meta,
      ),
    );
    expect(ref.version).toBe(1);
    expect(repository.events.map((e) => e.type)).toEqual([]);
  });

  it('refuses a stale expected version and an unknown client', async () => {
    const { changes, id, meta } = await givenARegisteredClient();
    const handler = new ChangeClientAddressHandler(changes);
    await expect(
      handler.execute(
        new ChangeClientAddressCommand(
          id,
          7,
          { line1: '1 Rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
          meta,
        ),
      ),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(
      handler.execute(
        new ChangeClientAddressCommand(
          '5f0c8a55-3c36-4a63-8a3c-2f3d8f0b9e11',
          1,
          { line1: '1 Rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
          meta,
        ),
      ),
    ).rejects.toBeInstanceOf(ClientNotFound);
  });
});
