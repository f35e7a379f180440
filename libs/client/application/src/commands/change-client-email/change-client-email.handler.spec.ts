import { givenARegisteredClient } from '../../testing/handler-fixture';
import { ChangeClientEmailCommand } from './change-client-email.command';
import { ChangeClientEmailHandler } from './change-client-email.handler';

describe('ChangeClientEmailHandler', () => {
  const given = async () => {
    const { repository, changes, target } = await givenARegisteredClient();
    return { repository, target, handler: new ChangeClientEmailHandler(changes) };
  };

  it('records ClientEmailChanged', async () => {
    const { repository, target, handler } = await given();
    expect((await handler.execute(new ChangeClientEmailCommand(target(), { email: 'ada@king.example' }))).version).toBe(
      2,
    );
    expect(repository.events).toEqual([
      expect.objectContaining({ type: 'ClientEmailChanged', email: 'ada@king.example' }),
    ]);
  });

  it('refuses what is not an email, naming the field', async () => {
    const { repository, target, handler } = await given();
    await expect(handler.execute(new ChangeClientEmailCommand(target(), { email: 'nope' }))).rejects.toMatchObject({
      field: 'email',
    });
    expect(repository.events).toEqual([]);
  });
});
