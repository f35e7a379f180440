import { aPaymentView, InMemoryPaymentReadModel } from '../../testing/in-memory-payment.read-model';
import { ListPaymentsHandler } from './list-payments.handler';
import { ListPaymentsQuery } from './list-payments.query';

describe('ListPaymentsHandler', () => {
  const views = [1, 2, 3].map((n) => aPaymentView({ id: `00000000-0000-4000-8000-00000000000${n}` }));
  const handler = new ListPaymentsHandler(new InMemoryPaymentReadModel(views));

  it('returns a page, with a cursor when more follow', async () => {
    const first = await handler.execute(new ListPaymentsQuery({ limit: 2 }));
    expect(first).toEqual({ items: views.slice(0, 2), nextCursor: views[1].id });
    const next = await handler.execute(new ListPaymentsQuery({ limit: 2, cursor: first.nextCursor! }));
    expect(next).toEqual({ items: [views[2]], nextCursor: null });
  });
});
