import { ClientNotFound } from '@bascule/client/domain';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { givenARegisteredClient } from '../../testing/handler-fixture';
import { DeactivateClientCommand } from './deactivate-client.command';
import { DeactivateClientHandler } from './deactivate-client.handler';

describe('DeactivateClientHandler', () => {
  it('records ClientDeactivated and returns the next version', async () => {
    const { repository, changes, id, meta } = await givenARegisteredClient();
    const ref = await new DeactivateClientHandler(changes).execute(
      new DeactivateClientCommand(id, 1, 'asked to leave', meta),
    );
    expect(ref).toEqual({ id, version: 2 });
    expect(repository.events.map((e) => e.type)).toEqual(['ClientDeactivated']);
  });

  it('saves nothing when the command changes nothing', async () => {
    const { repository, changes, id, meta } = await givenARegisteredClient();
    await new DeactivateClientHandler(changes).execute(new DeactivateClientCommand(id, 1, 'first', meta));
    const ref = await new DeactivateClientHandler(changes).execute(
      new DeactivateClientCommand(id, 2, 'asked to leave', meta),
    );
    expect(ref.version).toBe(2);
    expect(repository.events.map((e) => e.type)).toEqual(['ClientDeactivated']);
  });

  it('refuses a stale expected version and an unknown client', async () => {
    const { changes, id, meta } = await givenARegisteredClient();
    const handler = new DeactivateClientHandler(changes);
    await expect(handler.execute(new DeactivateClientCommand(id, 7, 'asked to leave', meta))).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    await expect(
      handler.execute(new DeactivateClientCommand('5f0c8a55-3c36-4a63-8a3c-2f3d8f0b9e11', 1, 'asked to leave', meta)),
    ).rejects.toBeInstanceOf(ClientNotFound);
  });
});
