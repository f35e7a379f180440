import { aClientView, InMemoryClientReadModel } from '../../testing/in-memory-client.read-model';
import { ListClientsHandler } from './list-clients.handler';
import { ListClientsQuery } from './list-clients.query';

describe('ListClientsHandler', () => {
  const views = ['a', 'b', 'c'].map((letter, i) =>
    aClientView({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      givenName: letter,
      status: i === 1 ? 'INACTIVE' : 'ACTIVE',
    }),
  );
  const handler = new ListClientsHandler(new InMemoryClientReadModel(views));

  it('passes the filter to the read model and returns its page', async () => {
    const page = await handler.execute(new ListClientsQuery({ status: 'ACTIVE', limit: 10 }));
    expect(page).toEqual({ items: [views[0], views[2]], nextCursor: null });
  });

  it('returns a cursor when more clients follow', async () => {
    const first = await handler.execute(new ListClientsQuery({ limit: 2 }));
    expect(first.nextCursor).toBe(views[1].id);
    expect(
      (await handler.execute(new ListClientsQuery({ limit: 2, cursor: first.nextCursor ?? undefined }))).items,
    ).toEqual([views[2]]);
  });
});
