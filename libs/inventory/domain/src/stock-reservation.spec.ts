import { FixedClock } from '@bascule/shared/ddd';
import { StockReservation, StockReservationState } from './stock-reservation';
import { StockReservationId } from './stock-reservation-id';

describe('StockReservation', () => {
  const state: StockReservationState = {
    status: 'RESERVED',
  };

  it('is created at version 1 with a StockReservationCreated event carrying its state', () => {
    const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
    const stockReservation = StockReservation.create(StockReservationId.generate(), state, clock);
    expect(stockReservation.version).toBe(1);
    expect(stockReservation.snapshot).toEqual(state);
    expect(stockReservation.pendingEvents).toEqual([
      {
        type: 'StockReservationCreated',
        aggregateId: stockReservation.id.value,
        aggregateVersion: 1,
        occurredAt: clock.now(),
        ...state,
      },
    ]);
  });
});
