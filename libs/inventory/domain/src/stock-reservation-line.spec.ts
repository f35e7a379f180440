import { FixedClock } from '@bascule/shared/ddd';
import { StockReservation, StockReservationState } from './stock-reservation';
import { StockReservationId } from './stock-reservation-id';
import { StockReservationLineIdTaken } from './stock-reservation.errors';
import { StockReservationLine, StockReservationLineId, StockReservationLineState } from './stock-reservation-line';

describe('StockReservationLine in its StockReservation', () => {
  const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
  const root: StockReservationState = {
    status: 'RESERVED',
  };
  const state: StockReservationLineState = {
    sku: 'First sku',
    quantity: 42,
  };
  const other: StockReservationLineState = {
    sku: 'Second sku',
    quantity: 43,
  };
  const stockReservationLineId = '5b0f5e4e-8c1d-4a3b-9e2f-0000000000aa';
  const saved = () => StockReservation.reconstitute(StockReservationId.generate(), 1, root, clock);

  it('is equal to another by id, the same as another by id and values', () => {
    const one = StockReservationLine.of(StockReservationLineId.of(stockReservationLineId), state);
    expect(one.snapshot).toEqual(state);
    expect(one.equals(StockReservationLine.of(StockReservationLineId.of(stockReservationLineId), other))).toBe(true);
    expect(one.sameAs(StockReservationLine.of(StockReservationLineId.of(stockReservationLineId), { ...state }))).toBe(
      true,
    );
    expect(one.sameAs(StockReservationLine.of(StockReservationLineId.of(stockReservationLineId), other))).toBe(false);
  });

  it('addStockReservationLine() records StockReservationLineAdded once: adding the same again changes nothing', () => {
    const stockReservation = saved();
    stockReservation.addStockReservationLine({ stockReservationLineId, ...state });
    stockReservation.addStockReservationLine({ stockReservationLineId, ...state });
    expect(stockReservation.stockReservationLines.map((e) => e.id.value)).toEqual([stockReservationLineId]);
    expect(stockReservation.pendingEvents).toEqual([
      expect.objectContaining({
        type: 'StockReservationLineAdded',
        aggregateVersion: 2,
        stockReservationLineId,
        ...state,
      }),
    ]);
  });

  it('addStockReservationLine() refuses an id it holds with other values (STOCK_RESERVATION.STOCK_RESERVATION_LINE_ID_TAKEN)', () => {
    const stockReservation = saved();
    stockReservation.addStockReservationLine({ stockReservationLineId, ...state });
    expect(() => stockReservation.addStockReservationLine({ stockReservationLineId, ...other })).toThrow(
      StockReservationLineIdTaken,
    );
    expect(stockReservation.pendingEvents).toHaveLength(1);
  });

  it('removeStockReservationLine() records StockReservationLineRemoved once: removing one it does not hold changes nothing', () => {
    const stockReservation = saved();
    stockReservation.addStockReservationLine({ stockReservationLineId, ...state });
    stockReservation.removeStockReservationLine({ stockReservationLineId });
    stockReservation.removeStockReservationLine({ stockReservationLineId });
    expect(stockReservation.stockReservationLines).toEqual([]);
    expect(stockReservation.pendingEvents.map((event) => event.type)).toEqual([
      'StockReservationLineAdded',
      'StockReservationLineRemoved',
    ]);
    expect(stockReservation.pendingEvents[1]).toMatchObject({ aggregateVersion: 3, stockReservationLineId });
  });
});
