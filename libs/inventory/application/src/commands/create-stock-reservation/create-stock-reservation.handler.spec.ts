import { StockReservation } from '@bascule/inventory/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock } from '@bascule/shared/ddd';
import { StockReservationChanges } from '../../stock-reservation-changes';
import { CreateStockReservationCommand, CreateStockReservationData } from './create-stock-reservation.command';
import { CreateStockReservationHandler } from './create-stock-reservation.handler';

describe('CreateStockReservationHandler', () => {
  const setup = () => {
    const repository = new InMemoryAggregateRepository<StockReservation>();
    return {
      repository,
      handler: new CreateStockReservationHandler(new StockReservationChanges(repository), new FixedClock()),
    };
  };
  const data: CreateStockReservationData = {
    status: 'RESERVED',
  };

  it('creates at version 1 and saves the creation event, its fields in the domain’s types, with the request metadata', async () => {
    const { repository, handler } = setup();
    const ref = await handler.execute(new CreateStockReservationCommand(data, cloudRequest('corr-1')));
    expect(ref.version).toBe(1);
    expect(repository.saved).toEqual([
      {
        events: [
          expect.objectContaining({
            type: 'StockReservationCreated',
            aggregateId: ref.id,
            status: 'RESERVED',
          }),
        ],
        metadata: cloudRequest('corr-1'),
      },
    ]);
  });
});
