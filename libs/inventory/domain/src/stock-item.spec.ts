import { FixedClock, InvalidValueError, Money } from '@bascule/shared/ddd';
import { NewStockItem, StockItem } from './stock-item';
import { StockItemId } from './stock-item-id';
import { StockItemInsufficientStock, StockItemNotReserved } from './stock-item.errors';

describe('StockItem', () => {
  const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
  const state: NewStockItem = {
    sku: 'SKU-1',
    label: 'First label',
    unitPrice: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    onHand: 10,
  };
  const anItem = (onHand = 10) => {
    const item = StockItem.create({ ...state, onHand }, clock);
    item.clearPendingEvents();
    return item;
  };
  const types = (item: StockItem) => item.pendingEvents.map((event) => event.type);

  it('is created at version 1, known by its sku, nothing reserved, with a StockItemCreated event carrying its state', () => {
    const stockItem = StockItem.create(state, clock);
    expect(stockItem.id.equals(StockItemId.forSku('SKU-1'))).toBe(true);
    expect(stockItem.version).toBe(1);
    expect(stockItem.snapshot).toEqual({ ...state, vatRate: 2000, reserved: 0 });
    expect(stockItem.available).toBe(10);
    expect(stockItem.pendingEvents).toEqual([
      {
        type: 'StockItemCreated',
        aggregateId: stockItem.id.value,
        aggregateVersion: 1,
        occurredAt: clock.now(),
        ...state,
        vatRate: 2000,
        reserved: 0,
      },
    ]);
  });

  it('is taxed at 20 % when created without a VAT rate, and at the French rate it is given', () => {
    expect(StockItem.create(state, clock).snapshot.vatRate).toBe(2000);
    expect(StockItem.create({ ...state, vatRate: 550 }, clock).snapshot.vatRate).toBe(550);
  });

  it.each([0, 1900, 20, 5.5, -2000])(
    'refuses %j, not a French VAT rate in basis points, at creation and on change',
    (rate) => {
      expect(() => StockItem.create({ ...state, vatRate: rate }, clock)).toThrow(
        expect.objectContaining({ code: 'VALUE.INVALID', field: 'vatRate' }),
      );
      const item = anItem();
      expect(() => item.changeStockItemVatRate({ vatRate: rate })).toThrow(InvalidValueError);
      expect(item.snapshot.vatRate).toBe(2000);
      expect(item.pendingEvents).toEqual([]);
    },
  );

  it('records a VAT rate change with the sku a catalogue keeps, and nothing for the same rate', () => {
    const item = anItem();
    item.changeStockItemVatRate({ vatRate: 2000 });
    expect(item.pendingEvents).toEqual([]);
    item.changeStockItemVatRate({ vatRate: 210 });
    expect(item.snapshot.vatRate).toBe(210);
    expect(item.pendingEvents).toEqual([
      expect.objectContaining({ type: 'StockItemVatRateChanged', sku: 'SKU-1', vatRate: 210 }),
    ]);
  });

  it('names one sku with one id, and two skus with two (RFC 9562 version 5)', () => {
    expect(StockItemId.forSku('SKU-1').value).toBe(StockItemId.forSku('SKU-1').value);
    expect(StockItemId.forSku('SKU-1').value).not.toBe(StockItemId.forSku('SKU-2').value);
    expect(StockItemId.forSku('SKU-1').value).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('refuses a negative on hand at creation', () => {
    expect(() => StockItem.create({ ...state, onHand: -1 }, clock)).toThrow(InvalidValueError);
  });

  it('restocks by at least one unit', () => {
    const item = anItem();
    item.restock({ quantity: 5 });
    expect(item.snapshot.onHand).toBe(15);
    expect(types(item)).toEqual(['StockItemRestocked']);
    expect(() => item.restock({ quantity: 0 })).toThrow(InvalidValueError);
  });

  it('adjusts on hand either way, never below what is reserved', () => {
    const item = anItem();
    item.reserve({ orderId: 'o-1', quantity: 4 });
    item.adjust({ delta: -6, reason: 'count' });
    expect(item.snapshot).toMatchObject({ onHand: 4, reserved: 4 });
    expect(item.available).toBe(0);
    expect(() => item.adjust({ delta: -1, reason: 'count' })).toThrow(StockItemInsufficientStock);
    expect(() => item.adjust({ delta: 0, reason: 'count' })).toThrow(InvalidValueError);
    item.adjust({ delta: 2, reason: 'found' });
    expect(item.snapshot.onHand).toBe(6);
  });

  it('reserves up to what is available, never beyond (STOCK_ITEM.INSUFFICIENT_STOCK), and changes nothing when refused', () => {
    const item = anItem(3);
    item.reserve({ orderId: 'o-1', quantity: 3 });
    expect(item.available).toBe(0);
    expect(() => item.reserve({ orderId: 'o-2', quantity: 1 })).toThrow(
      expect.objectContaining({ code: 'STOCK_ITEM.INSUFFICIENT_STOCK' }),
    );
    expect(item.snapshot).toMatchObject({ onHand: 3, reserved: 3 });
    expect(types(item)).toEqual(['StockItemReserved']);
  });

  it('releases and ships only what was reserved; shipping takes the units out of on hand', () => {
    const item = anItem();
    item.reserve({ orderId: 'o-1', quantity: 4 });
    expect(() => item.release({ orderId: 'o-1', quantity: 5 })).toThrow(StockItemNotReserved);
    item.release({ orderId: 'o-1', quantity: 1 });
    item.ship({ orderId: 'o-1', quantity: 3 });
    expect(item.snapshot).toMatchObject({ onHand: 7, reserved: 0 });
    expect(() => item.ship({ orderId: 'o-1', quantity: 1 })).toThrow(StockItemNotReserved);
    expect(types(item)).toEqual(['StockItemReserved', 'StockItemReleased', 'StockItemShipped']);
  });

  it('records a price change with the sku and label a catalogue keeps, and nothing for the same price', () => {
    const item = anItem();
    item.changeStockItemPrice({ unitPrice: Money.fromJSON({ amount: 1250, currency: 'EUR' }) });
    expect(item.pendingEvents).toEqual([]);
    item.changeStockItemPrice({ unitPrice: Money.fromJSON({ amount: 1300, currency: 'EUR' }) });
    expect(item.pendingEvents).toEqual([
      expect.objectContaining({ type: 'StockItemPriceChanged', sku: 'SKU-1', label: 'First label' }),
    ]);
  });
});
