import { givenARegisteredClient } from '../../testing/handler-fixture';
import { RenameClientCommand } from './rename-client.command';
import { RenameClientHandler } from './rename-client.handler';

describe('RenameClientHandler', () => {
  const given = async () => {
    const { repository, changes, target } = await givenARegisteredClient();
    return { repository, target, handler: new RenameClientHandler(changes) };
  };

  it('records ClientRenamed and returns the next version', async () => {
    const { repository, target, handler } = await given();
    expect(await handler.execute(new RenameClientCommand(target(), { givenName: 'Ada', familyName: 'King' }))).toEqual({
      id: target().aggregateId,
      version: 2,
    });
    expect(repository.events).toEqual([
      expect.objectContaining({ type: 'ClientRenamed', givenName: 'Ada', familyName: 'King' }),
    ]);
  });

  it('records nothing for the name the client already has', async () => {
    const { repository, target, handler } = await given();
    await handler.execute(new RenameClientCommand(target(), { givenName: 'Ada', familyName: 'Lovelace' }));
    expect(repository.events).toEqual([]);
  });

  it('refuses an empty name, naming the field', async () => {
    const { target, handler } = await given();
    await expect(
      handler.execute(new RenameClientCommand(target(), { givenName: ' ', familyName: 'King' })),
    ).rejects.toMatchObject({ field: 'givenName' });
  });
});
