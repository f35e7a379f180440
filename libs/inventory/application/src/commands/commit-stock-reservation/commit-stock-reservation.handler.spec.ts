import { StockReservation, StockReservationId, StockReservationInvalidState } from '@bascule/inventory/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock } from '@bascule/shared/ddd';
import { StockReservationChanges } from '../../stock-reservation-changes';
import { aStockReservationState } from '../../testing/stock-reservation.fixtures';
import { CommitStockReservationCommand } from './commit-stock-reservation.command';
import { CommitStockReservationHandler } from './commit-stock-reservation.handler';

describe('CommitStockReservationHandler', () => {
  const setup = async (state = aStockReservationState({ status: 'RESERVED' })) => {
    const repository = new InMemoryAggregateRepository<StockReservation>();
    const changes = new StockReservationChanges(repository);
    const { id } = await changes.save(
      StockReservation.create(StockReservationId.generate(), state, new FixedClock()),
      cloudRequest(),
    );
    repository.forgetSaved();
    const target = { aggregateId: id, expectedVersion: 1, metadata: cloudRequest('corr-2') };
    const run = () => new CommitStockReservationHandler(changes).execute(new CommitStockReservationCommand(target));
    return { id, repository, run };
  };

  it('records StockReservationCommitted with what changed, and returns the next version', async () => {
    const { id, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: 2 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'StockReservationCommitted',
        aggregateId: id,
        status: 'COMMITTED',
      }),
    ]);
  });

  it('is refused outside RESERVED (STOCK_RESERVATION.INVALID_STATE), and saves nothing', async () => {
    const { repository, run } = await setup(aStockReservationState({ status: 'REJECTED' }));
    await expect(run()).rejects.toBeInstanceOf(StockReservationInvalidState);
    await expect(run()).rejects.toMatchObject({ code: 'STOCK_RESERVATION.INVALID_STATE' });
    expect(repository.saved).toEqual([]);
  });
});
