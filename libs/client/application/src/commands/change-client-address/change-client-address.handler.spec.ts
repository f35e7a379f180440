import { givenARegisteredClient } from '../../testing/handler-fixture';
import { ChangeClientAddressCommand } from './change-client-address.command';
import { ChangeClientAddressHandler } from './change-client-address.handler';

describe('ChangeClientAddressHandler', () => {
  const given = async () => {
    const { repository, changes, target } = await givenARegisteredClient();
    return { repository, target, handler: new ChangeClientAddressHandler(changes) };
  };

  it('records ClientAddressChanged with the normalised address', async () => {
    const { repository, target, handler } = await given();
    const address = { line1: '1 Rue de la Paix', postalCode: '75002', city: 'Paris', country: 'fr' };
    expect((await handler.execute(new ChangeClientAddressCommand(target(), { address }))).version).toBe(2);
    expect(repository.events).toEqual([
      expect.objectContaining({ type: 'ClientAddressChanged', address: { ...address, line2: null, country: 'FR' } }),
    ]);
  });

  it('records nothing for the same address written in another case', async () => {
    const { repository, target, handler } = await given();
    const address = { line1: '12 St James Sq', postalCode: 'SW1Y 4LB', city: 'London', country: 'gb' };
    await handler.execute(new ChangeClientAddressCommand(target(), { address }));
    expect(repository.events).toEqual([]);
  });
});
