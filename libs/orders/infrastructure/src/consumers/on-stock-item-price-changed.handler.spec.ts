import { anEnvelope, recordingTx } from '@bascule/shared/messaging/testing';
import { OnStockItemPriceChangedHandler } from './on-stock-item-price-changed.handler';

const event = (payload: object) =>
  anEnvelope({ type: 'inventory.stock-item-price-changed', version: 1, aggregateType: 'stock-item' }, payload);

describe('OnStockItemPriceChangedHandler', () => {
  it('keeps sku, label, unitPrice of the aggregate, from a newer version only', async () => {
    const { statements, tx } = recordingTx();
    const payload = { sku: 'a text', label: 'a text', unitPrice: { any: 'value' } };
    const consumed = event(payload);
    await new OnStockItemPriceChangedHandler().handle(consumed, tx);
    expect(statements).toEqual([
      {
        sql: expect.stringMatching(
          /INSERT INTO known_stock_items .*WHERE known_stock_items\.version < EXCLUDED\.version/s,
        ),
        parameters: [consumed.aggregateId, 3, payload.sku, payload.label, JSON.stringify(payload.unitPrice)],
      },
    ]);
  });
});
