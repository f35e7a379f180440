import { aInvoiceView, InMemoryInvoiceReadModel } from '../../testing/in-memory-invoice.read-model';
import { ListInvoicesHandler } from './list-invoices.handler';
import { ListInvoicesQuery } from './list-invoices.query';

describe('ListInvoicesHandler', () => {
  const views = [1, 2, 3].map((n) => aInvoiceView({ id: `00000000-0000-4000-8000-00000000000${n}` }));
  const handler = new ListInvoicesHandler(new InMemoryInvoiceReadModel(views));

  it('returns a page, with a cursor when more follow', async () => {
    const first = await handler.execute(new ListInvoicesQuery({ limit: 2 }));
    expect(first).toEqual({ items: views.slice(0, 2), nextCursor: views[1].id });
    const next = await handler.execute(new ListInvoicesQuery({ limit: 2, cursor: first.nextCursor! }));
    expect(next).toEqual({ items: [views[2]], nextCursor: null });
  });
});
