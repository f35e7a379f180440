import { anEnvelope, recordingTx } from '@bascule/shared/messaging/testing';
import { OnStockItemVatRateChangedHandler } from './on-stock-item-vat-rate-changed.handler';

const event = (payload: object) =>
  anEnvelope({ type: 'inventory.stock-item-vat-rate-changed', version: 1, aggregateType: 'stock-item' }, payload);

describe('OnStockItemVatRateChangedHandler', () => {
  it('keeps sku, vatRate of the aggregate, from a newer version only', async () => {
    const { statements, tx } = recordingTx();
    const payload = { sku: 'a text', vatRate: 7 };
    const consumed = event(payload);
    await new OnStockItemVatRateChangedHandler().handle(consumed, tx);
    expect(statements).toEqual([
      {
        sql: expect.stringMatching(
          /INSERT INTO known_stock_items .*WHERE known_stock_items\.version < EXCLUDED\.version/s,
        ),
        parameters: [consumed.aggregateId, 3, payload.sku, payload.vatRate],
      },
    ]);
  });
});
