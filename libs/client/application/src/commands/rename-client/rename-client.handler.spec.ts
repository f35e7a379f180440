import { ClientNotFound } from '@bascule/client/domain';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { givenARegisteredClient } from '../../testing/handler-fixture';
import { RenameClientCommand } from './rename-client.command';
import { RenameClientHandler } from './rename-client.handler';

describe('RenameClientHandler', () => {
  it('records ClientRenamed and returns the next version', async () => {
    const { repository, changes, id, meta } = await givenARegisteredClient();
    const ref = await new RenameClientHandler(changes).execute(new RenameClientCommand(id, 1, 'Ada', 'King', meta));
    expect(ref).toEqual({ id, version: 2 });
    expect(repository.events.map((e) => e.type)).toEqual(['ClientRenamed']);
  });

  it('saves nothing when the command changes nothing', async () => {
    const { repository, changes, id, meta } = await givenARegisteredClient();
    const ref = await new RenameClientHandler(changes).execute(new RenameClientCommand(id, 1, 'Ada', 'Lovelace', meta));
    expect(ref.version).toBe(1);
    expect(repository.events.map((e) => e.type)).toEqual([]);
  });

  it('refuses a stale expected version and an unknown client', async () => {
    const { changes, id, meta } = await givenARegisteredClient();
    const handler = new RenameClientHandler(changes);
    await expect(handler.execute(new RenameClientCommand(id, 7, 'Ada', 'King', meta))).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    await expect(
      handler.execute(new RenameClientCommand('5f0c8a55-3c36-4a63-8a3c-2f3d8f0b9e11', 1, 'Ada', 'King', meta)),
    ).rejects.toBeInstanceOf(ClientNotFound);
  });
});
