import { randomUUID } from 'node:crypto';
import { FixedClock, InvalidValueError, Money } from '@bascule/shared/ddd';
import { StockItem } from './stock-item';
import { StockReservation } from './stock-reservation';
import { StockReservationInvalidState } from './stock-reservation.errors';

describe('StockReservation', () => {
  const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
  const stockOf = (...items: [string, number][]) =>
    new Map(
      items.map(([sku, onHand]) => [
        sku,
        StockItem.create(
          { sku, label: sku, unitPrice: Money.fromJSON({ amount: 100, currency: 'EUR' }), onHand },
          clock,
        ),
      ]),
    );

  it('reserves every line on its stock item, known by its order id', () => {
    const stock = stockOf(['A', 5], ['B', 5]);
    const orderId = randomUUID();
    const reservation = StockReservation.reserve(
      orderId,
      [
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 5 },
      ],
      stock,
      clock,
    );
    expect(reservation.id.value).toBe(orderId);
    expect(reservation.snapshot.status).toBe('RESERVED');
    expect(reservation.skus).toEqual(['A', 'B']);
    expect([stock.get('A')!.available, stock.get('B')!.available]).toEqual([3, 0]);
    expect(reservation.pendingEvents).toEqual([
      expect.objectContaining({
        type: 'StockReservationCreated',
        lines: [
          { sku: 'A', quantity: 2 },
          { sku: 'B', quantity: 5 },
        ],
      }),
    ]);
  });

  it('reserves none when one line is short, and says which (an unknown sku has 0 available)', () => {
    const stock = stockOf(['A', 5], ['B', 1]);
    const reservation = StockReservation.reserve(
      randomUUID(),
      [
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 2 },
        { sku: 'C', quantity: 1 },
      ],
      stock,
      clock,
    );
    expect(reservation.snapshot.status).toBe('REJECTED');
    expect([stock.get('A')!.snapshot.reserved, stock.get('B')!.snapshot.reserved]).toEqual([0, 0]);
    expect(reservation.pendingEvents).toEqual([
      expect.objectContaining({
        type: 'StockReservationRejected',
        reason: 'INSUFFICIENT_STOCK',
        shortLines: [
          { sku: 'B', requested: 2, available: 1 },
          { sku: 'C', requested: 1, available: 0 },
        ],
      }),
    ]);
  });

  it.each([
    ['no line', []],
    [
      'two lines of one sku',
      [
        { sku: 'A', quantity: 1 },
        { sku: 'A', quantity: 1 },
      ],
    ],
    ['a line of no unit', [{ sku: 'A', quantity: 0 }]],
    ['a line of more than 10,000 units', [{ sku: 'A', quantity: 10_001 }]],
  ])('refuses %s', (_, lines) => {
    expect(() => StockReservation.reserve(randomUUID(), lines, stockOf(['A', 20_000]), clock)).toThrow(
      InvalidValueError,
    );
  });

  it('releases once, commits once, and neither after the other', () => {
    const stock = stockOf(['A', 5]);
    const released = StockReservation.reserve(randomUUID(), [{ sku: 'A', quantity: 2 }], stock, clock);
    released.clearPendingEvents();
    released.releaseStockReservation(stock);
    released.releaseStockReservation(stock);
    expect(released.pendingEvents.map((event) => event.type)).toEqual(['StockReservationReleased']);
    expect(() => released.commitStockReservation(stock)).toThrow(StockReservationInvalidState);
    expect(stock.get('A')!.snapshot).toMatchObject({ onHand: 5, reserved: 0 });

    const committed = StockReservation.reserve(randomUUID(), [{ sku: 'A', quantity: 2 }], stock, clock);
    committed.commitStockReservation(stock);
    committed.commitStockReservation(stock);
    expect(stock.get('A')!.snapshot).toMatchObject({ onHand: 3, reserved: 0 });
    expect(() => committed.releaseStockReservation(stock)).toThrow(StockReservationInvalidState);
  });
});
