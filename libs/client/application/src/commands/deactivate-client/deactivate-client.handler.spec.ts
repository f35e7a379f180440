import { givenARegisteredClient } from '../../testing/handler-fixture';
import { DeactivateClientCommand } from './deactivate-client.command';
import { DeactivateClientHandler } from './deactivate-client.handler';

describe('DeactivateClientHandler', () => {
  const given = async () => {
    const { repository, changes, target } = await givenARegisteredClient();
    return { repository, target, handler: new DeactivateClientHandler(changes) };
  };

  it('records ClientDeactivated with its reason', async () => {
    const { repository, target, handler } = await given();
    expect((await handler.execute(new DeactivateClientCommand(target(), { reason: 'moved abroad' }))).version).toBe(2);
    expect(repository.events).toEqual([expect.objectContaining({ type: 'ClientDeactivated', reason: 'moved abroad' })]);
  });

  it('refuses a deactivation without a reason', async () => {
    const { target, handler } = await given();
    await expect(handler.execute(new DeactivateClientCommand(target(), { reason: '' }))).rejects.toMatchObject({
      field: 'reason',
    });
  });
});
