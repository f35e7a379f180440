import { givenARegisteredClient } from '../../testing/handler-fixture';
import { EraseClientCommand } from './erase-client.command';
import { EraseClientHandler } from './erase-client.handler';
import { ClientAlreadyErased } from '@bascule/client/domain';
import { RenameClientCommand } from '../rename-client/rename-client.command';
import { RenameClientHandler } from '../rename-client/rename-client.handler';

describe('EraseClientHandler', () => {
  const given = async () => {
    const { repository, changes, target } = await givenARegisteredClient();
    return { repository, target, changes, handler: new EraseClientHandler(changes) };
  };

  it('records ClientErased, then refuses any further change', async () => {
    const { repository, target, handler, changes } = await given();
    expect((await handler.execute(new EraseClientCommand(target()))).version).toBe(2);
    expect(repository.events.map((event) => event.type)).toEqual(['ClientErased']);
    const rename = new RenameClientCommand(target(2), { givenName: 'Ada', familyName: 'King' });
    await expect(new RenameClientHandler(changes).execute(rename)).rejects.toBeInstanceOf(ClientAlreadyErased);
  });
});
