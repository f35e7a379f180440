import { ClientNotFound } from '@bascule/client/domain';
import { aClientView, InMemoryClientReadModel } from '../../testing/in-memory-client.read-model';
import { GetClientHandler } from './get-client.handler';
import { GetClientQuery } from './get-client.query';

describe('GetClientHandler', () => {
  it('returns the client view', async () => {
    const view = aClientView();
    expect(
      await new GetClientHandler(new InMemoryClientReadModel([view])).execute(new GetClientQuery(view.id)),
    ).toEqual(view);
  });

  it('refuses an unknown client with ClientNotFound', async () => {
    await expect(
      new GetClientHandler(new InMemoryClientReadModel()).execute(
        new GetClientQuery('7e9c1d2a-4b3f-4a5e-8c6d-0f1e2d3c4b5a'),
      ),
    ).rejects.toBeInstanceOf(ClientNotFound);
  });
});
