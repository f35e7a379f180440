import { StockReservation, StockReservationId, StockReservationLineIdTaken } from '@bascule/inventory/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock } from '@bascule/shared/ddd';
import { StockReservationChanges } from '../../stock-reservation-changes';
import { aStockReservationState } from '../../testing/stock-reservation.fixtures';
import { aStockReservationLineState } from '../../testing/stock-reservation-line.fixtures';
import { AddStockReservationLineCommand, AddStockReservationLineData } from './add-stock-reservation-line.command';
import { AddStockReservationLineHandler } from './add-stock-reservation-line.handler';

describe('AddStockReservationLineHandler', () => {
  const stockReservationLineId = '5b0f5e4e-8c1d-4a3b-9e2f-0000000000aa';
  const data = (variant = 0): AddStockReservationLineData => ({
    stockReservationLineId,
    sku: variant ? 'Second sku' : 'First sku',
    quantity: variant ? 43 : 42,
  });
  const setup = async () => {
    const repository = new InMemoryAggregateRepository<StockReservation>();
    const changes = new StockReservationChanges(repository);
    const { id } = await changes.save(
      StockReservation.create(StockReservationId.generate(), aStockReservationState(), new FixedClock()),
      cloudRequest(),
    );
    repository.forgetSaved();
    const run = (expectedVersion: number, variant = 0) =>
      new AddStockReservationLineHandler(changes).execute(
        new AddStockReservationLineCommand(
          { aggregateId: id, expectedVersion, metadata: cloudRequest('corr-2') },
          data(variant),
        ),
      );
    return { id, repository, run };
  };

  it('adds the stock reservation line and records StockReservationLineAdded with its values, at the next version', async () => {
    const { id, repository, run } = await setup();
    expect(await run(1)).toEqual({ id, version: 2 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'StockReservationLineAdded',
        aggregateId: id,
        stockReservationLineId,
        ...aStockReservationLineState(),
      }),
    ]);
  });

  it('records nothing when the stock reservation line is there with the same values', async () => {
    const { repository, run } = await setup();
    await run(1);
    repository.forgetSaved();
    await run(2);
    expect(repository.events).toEqual([]);
  });

  it('refuses its id with other values (STOCK_RESERVATION.STOCK_RESERVATION_LINE_ID_TAKEN), and saves nothing', async () => {
    const { repository, run } = await setup();
    await run(1);
    repository.forgetSaved();
    await expect(run(2, 1)).rejects.toBeInstanceOf(StockReservationLineIdTaken);
    expect(repository.saved).toEqual([]);
  });
});
