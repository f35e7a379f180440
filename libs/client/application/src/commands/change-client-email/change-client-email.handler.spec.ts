import { ClientNotFound } from '@bascule/client/domain';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { givenARegisteredClient } from '../../testing/handler-fixture';
import { ChangeClientEmailCommand } from './change-client-email.command';
import { ChangeClientEmailHandler } from './change-client-email.handler';

describe('ChangeClientEmailHandler', () => {
  it('records ClientEmailChanged and returns the next version', async () => {
    const { repository, changes, id, meta } = await givenARegisteredClient();
    const ref = await new ChangeClientEmailHandler(changes).execute(
      new ChangeClientEmailCommand(id, 1, 'ada@lovelace.org', meta),
    );
    expect(ref).toEqual({ id, version: 2 });
    expect(repository.events.map((e) => e.type)).toEqual(['ClientEmailChanged']);
  });

  it('saves nothing when the command changes nothing', async () => {
    const { repository, changes, id, meta } = await givenARegisteredClient();
    const ref = await new ChangeClientEmailHandler(changes).execute(
      new ChangeClientEmailCommand(id, 1, 'Ada@Example.com', meta),
    );
    expect(ref.version).toBe(1);
    expect(repository.events.map((e) => e.type)).toEqual([]);
  });

  it('refuses a stale expected version and an unknown client', async () => {
    const { changes, id, meta } = await givenARegisteredClient();
    const handler = new ChangeClientEmailHandler(changes);
    await expect(handler.execute(new ChangeClientEmailCommand(id, 7, 'ada@lovelace.org', meta))).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    await expect(
      handler.execute(
        new ChangeClientEmailCommand('5f0c8a55-3c36-4a63-8a3c-2f3d8f0b9e11', 1, 'ada@lovelace.org', meta),
      ),
    ).rejects.toBeInstanceOf(ClientNotFound);
  });
});
