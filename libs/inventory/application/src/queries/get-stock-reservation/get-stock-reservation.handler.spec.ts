import { StockReservationNotFound } from '@bascule/inventory/domain';
import {
  aStockReservationView,
  InMemoryStockReservationReadModel,
} from '../../testing/in-memory-stock-reservation.read-model';
import { GetStockReservationHandler } from './get-stock-reservation.handler';
import { GetStockReservationQuery } from './get-stock-reservation.query';

describe('GetStockReservationHandler', () => {
  it('returns the view', async () => {
    const view = aStockReservationView();
    const handler = new GetStockReservationHandler(new InMemoryStockReservationReadModel([view]));
    expect(await handler.execute(new GetStockReservationQuery(view.id))).toEqual(view);
  });

  it('refuses an unknown id with StockReservationNotFound', async () => {
    const handler = new GetStockReservationHandler(new InMemoryStockReservationReadModel());
    await expect(
      handler.execute(new GetStockReservationQuery('7e9c1d2a-4b3f-4a5e-8c6d-0f1e2d3c4b5a')),
    ).rejects.toBeInstanceOf(StockReservationNotFound);
  });
});
