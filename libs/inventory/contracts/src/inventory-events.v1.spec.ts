import { ContractRegistry } from '@bascule/shared/contracts';
import { StockItemCreatedV1, StockItemSyncedFromLegacyV1, StockItemVatRateChangedV1 } from './inventory-events.v1';

describe('inventory events v1: the VAT rate, an additive field (ADR 0054)', () => {
  const registry = new ContractRegistry([StockItemCreatedV1, StockItemSyncedFromLegacyV1, StockItemVatRateChangedV1]);
  const created = {
    stockItemId: '3f2b8e1c-7a4d-4c2e-9b1f-5d6e7f8a9b0c',
    sku: 'SKU-1',
    label: 'Flour',
    unitPrice: { amount: 250, currency: 'EUR' },
    onHand: 10,
    reserved: 0,
  };
  const check = (type: string, payload: unknown) => () => registry.assertValid({ type, version: 1, payload });

  it('holds for a stock-item-created published before it (no vatRate) and for one at each French rate', () => {
    expect(check(StockItemCreatedV1.type, created)).not.toThrow();
    for (const vatRate of [2000, 1000, 550, 210])
      expect(check(StockItemCreatedV1.type, { ...created, vatRate })).not.toThrow();
  });

  it('refuses a rate that is not French, in basis points', () => {
    expect(check(StockItemCreatedV1.type, { ...created, vatRate: 5.5 })).toThrow('/vatRate');
    expect(
      check(StockItemVatRateChangedV1.type, { stockItemId: created.stockItemId, sku: 'SKU-1', vatRate: 1900 }),
    ).toThrow('/vatRate');
  });

  it('a VAT rate change carries the sku a catalogue keeps', () => {
    expect(check(StockItemVatRateChangedV1.type, { stockItemId: created.stockItemId, vatRate: 550 })).toThrow('sku');
  });
});
