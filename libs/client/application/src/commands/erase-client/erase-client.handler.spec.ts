import { ClientNotFound } from '@bascule/client/domain';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { givenARegisteredClient } from '../../testing/handler-fixture';
import { EraseClientCommand } from './erase-client.command';
import { EraseClientHandler } from './erase-client.handler';

describe('EraseClientHandler', () => {
  it('records ClientErased and returns the next version', async () => {
    const { repository, changes, id, meta } = await givenARegisteredClient();
    const ref = await new EraseClientHandler(changes).execute(new EraseClientCommand(id, 1, meta));
    expect(ref).toEqual({ id, version: 2 });
    expect(repository.events.map((e) => e.type)).toEqual(['ClientErased']);
  });

  it('saves nothing when the command changes nothing', async () => {
    const { repository, changes, id, meta } = await givenARegisteredClient();
    await new EraseClientHandler(changes).execute(new EraseClientCommand(id, 1, meta));
    const ref = await new EraseClientHandler(changes).execute(new EraseClientCommand(id, 2, meta));
    expect(ref.version).toBe(2);
    expect(repository.events.map((e) => e.type)).toEqual(['ClientErased']);
  });

  it('refuses a stale expected version and an unknown client', async () => {
    const { changes, id, meta } = await givenARegisteredClient();
    const handler = new EraseClientHandler(changes);
    await expect(handler.execute(new EraseClientCommand(id, 7, meta))).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(
      handler.execute(new EraseClientCommand('5f0c8a55-3c36-4a63-8a3c-2f3d8f0b9e11', 1, meta)),
    ).rejects.toBeInstanceOf(ClientNotFound);
  });
});
