import { givenARegisteredClient } from '../../testing/handler-fixture';
import { ReactivateClientCommand } from './reactivate-client.command';
import { ReactivateClientHandler } from './reactivate-client.handler';
import { DeactivateClientCommand } from '../deactivate-client/deactivate-client.command';
import { DeactivateClientHandler } from '../deactivate-client/deactivate-client.handler';

describe('ReactivateClientHandler', () => {
  const given = async () => {
    const { repository, changes, target } = await givenARegisteredClient();
    return { repository, target, changes, handler: new ReactivateClientHandler(changes) };
  };

  it('records ClientReactivated for a deactivated client, and nothing for an active one', async () => {
    const { repository, target, handler, changes } = await given();
    await handler.execute(new ReactivateClientCommand(target()));
    expect(repository.events).toEqual([]);
    await new DeactivateClientHandler(changes).execute(new DeactivateClientCommand(target(), { reason: 'paused' }));
    expect((await handler.execute(new ReactivateClientCommand(target(2)))).version).toBe(3);
    expect(repository.events.map((event) => event.type)).toEqual(['ClientDeactivated', 'ClientReactivated']);
  });
});
