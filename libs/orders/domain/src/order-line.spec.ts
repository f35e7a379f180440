import { Money } from '@bascule/shared/ddd';
import { OrderLine, OrderLineId, OrderLineState } from './order-line';

describe('OrderLine', () => {
  const eur = (amount: number) => Money.fromJSON({ amount, currency: 'EUR' });
  const state: OrderLineState = {
    sku: 'SKU-1',
    quantity: 3,
    unitPrice: eur(1250),
    lineTotal: eur(3750),
    vatRate: 2000,
  };
  const id = '5b0f5e4e-8c1d-4a3b-9e2f-0000000000aa';

  it('is equal to another by id, the same as another by id and values', () => {
    const one = OrderLine.of(OrderLineId.of(id), state);
    const other = { ...state, quantity: 4, lineTotal: eur(5000) };
    expect(one.snapshot).toEqual(state);
    expect(one.equals(OrderLine.of(OrderLineId.of(id), other))).toBe(true);
    expect(one.sameAs(OrderLine.of(OrderLineId.of(id), { ...state }))).toBe(true);
    expect(one.sameAs(OrderLine.of(OrderLineId.of(id), other))).toBe(false);
  });

  it.each([-1, 1.5, Number.NaN])('refuses a quantity of %p (whole units, never negative)', (quantity) => {
    const line = { ...state, quantity, lineTotal: eur(0) };
    expect(() => OrderLine.of(OrderLineId.of(id), line)).toThrow(expect.objectContaining({ field: 'quantity' }));
  });

  it.each([0, 1, 10_000, 10_001])(
    'takes a quantity of %p (placing bounds it, a legacy line may be outside)',
    (quantity) => {
      const line = { ...state, quantity, lineTotal: eur(1250 * quantity) };
      expect(OrderLine.of(OrderLineId.of(id), line).snapshot.quantity).toBe(quantity);
    },
  );

  it('refuses a line total that is not its unit price times its quantity', () => {
    expect(() => OrderLine.of(OrderLineId.of(id), { ...state, lineTotal: eur(3749) })).toThrow(
      expect.objectContaining({ field: 'lineTotal' }),
    );
  });
});
