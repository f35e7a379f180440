import {
  aStockReservationView,
  InMemoryStockReservationReadModel,
} from '../../testing/in-memory-stock-reservation.read-model';
import { ListStockReservationsHandler } from './list-stock-reservations.handler';
import { ListStockReservationsQuery } from './list-stock-reservations.query';

describe('ListStockReservationsHandler', () => {
  const views = [1, 2, 3].map((n) => aStockReservationView({ id: `00000000-0000-4000-8000-00000000000${n}` }));
  const handler = new ListStockReservationsHandler(new InMemoryStockReservationReadModel(views));

  it('returns a page, with a cursor when more follow', async () => {
    const first = await handler.execute(new ListStockReservationsQuery({ limit: 2 }));
    expect(first).toEqual({ items: views.slice(0, 2), nextCursor: views[1].id });
    const next = await handler.execute(new ListStockReservationsQuery({ limit: 2, cursor: first.nextCursor! }));
    expect(next).toEqual({ items: [views[2]], nextCursor: null });
  });
});
