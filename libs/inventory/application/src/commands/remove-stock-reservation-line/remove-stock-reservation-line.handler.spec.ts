import { StockReservation, StockReservationId } from '@bascule/inventory/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock } from '@bascule/shared/ddd';
import { StockReservationChanges } from '../../stock-reservation-changes';
import { aStockReservationState } from '../../testing/stock-reservation.fixtures';
import { aStockReservationLineState } from '../../testing/stock-reservation-line.fixtures';
import { RemoveStockReservationLineCommand } from './remove-stock-reservation-line.command';
import { RemoveStockReservationLineHandler } from './remove-stock-reservation-line.handler';

describe('RemoveStockReservationLineHandler', () => {
  const stockReservationLineId = '5b0f5e4e-8c1d-4a3b-9e2f-0000000000aa';
  const setup = async () => {
    const repository = new InMemoryAggregateRepository<StockReservation>();
    const changes = new StockReservationChanges(repository);
    const stockReservation = StockReservation.create(
      StockReservationId.generate(),
      aStockReservationState(),
      new FixedClock(),
    );
    stockReservation.addStockReservationLine({ stockReservationLineId, ...aStockReservationLineState() });
    const { id } = await changes.save(stockReservation, cloudRequest());
    repository.forgetSaved();
    const run = (expectedVersion: number) =>
      new RemoveStockReservationLineHandler(changes).execute(
        new RemoveStockReservationLineCommand(
          { aggregateId: id, expectedVersion, metadata: cloudRequest('corr-2') },
          { stockReservationLineId },
        ),
      );
    return { id, repository, run };
  };

  it('removes the stock reservation line and records StockReservationLineRemoved, at the next version', async () => {
    const { id, repository, run } = await setup();
    expect(await run(2)).toEqual({ id, version: 3 });
    expect(repository.events).toEqual([
      expect.objectContaining({ type: 'StockReservationLineRemoved', aggregateId: id, stockReservationLineId }),
    ]);
  });

  it('records nothing when the stock reservation line is not there', async () => {
    const { repository, run } = await setup();
    await run(2);
    repository.forgetSaved();
    await run(3);
    expect(repository.events).toEqual([]);
  });
});
