import { ClientNotFound } from '@bascule/client/domain';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { givenARegisteredClient } from '../../testing/handler-fixture';
import { ReactivateClientCommand } from './reactivate-client.command';
import { ReactivateClientHandler } from './reactivate-client.handler';
import { DeactivateClientCommand } from '../deactivate-client/deactivate-client.command';
import { DeactivateClientHandler } from '../deactivate-client/deactivate-client.handler';

describe('ReactivateClientHandler', () => {
  it('records ClientReactivated and returns the next version', async () => {
    const { repository, changes, id, meta } = await givenARegisteredClient();
    await new DeactivateClientHandler(changes).execute(new DeactivateClientCommand(id, 1, 'gone', meta));
    const ref = await new ReactivateClientHandler(changes).execute(new ReactivateClientCommand(id, 2, meta));
    expect(ref).toEqual({ id, version: 3 });
    expect(repository.events.map((e) => e.type)).toEqual(['ClientDeactivated', 'ClientReactivated']);
  });

  it('saves nothing when the command changes nothing', async () => {
    const { repository, changes, id, meta } = await givenARegisteredClient();
    const ref = await new ReactivateClientHandler(changes).execute(new ReactivateClientCommand(id, 1, meta));
    expect(ref.version).toBe(1);
    expect(repository.events.map((e) => e.type)).toEqual([]);
  });

  it('refuses a stale expected version and an unknown client', async () => {
    const { changes, id, meta } = await givenARegisteredClient();
    const handler = new ReactivateClientHandler(changes);
    await expect(handler.execute(new ReactivateClientCommand(id, 7, meta))).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(
      handler.execute(new ReactivateClientCommand('5f0c8a55-3c36-4a63-8a3c-2f3d8f0b9e11', 1, meta)),
    ).rejects.toBeInstanceOf(ClientNotFound);
  });
});
