import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@bascule/shared/contracts';
import { SqlRows } from '@bascule/shared/persistence';
import { OnStockItemVatRateChangedHandler } from './on-stock-item-vat-rate-changed.handler';

/** The statements the handler runs in the consumer's transaction, recorded. */
function recordingTx() {
  const statements: { sql: string; parameters?: unknown[] }[] = [];
  const tx = { query: async (sql: string, parameters?: unknown[]) => (statements.push({ sql, parameters }), []) };
  return { statements, tx: tx as unknown as SqlRows };
}

const event = (payload: object): EventEnvelope<never> => ({
  id: randomUUID(),
  type: 'inventory.stock-item-vat-rate-changed',
  version: 1,
  aggregateType: 'stock-item',
  aggregateId: randomUUID(),
  aggregateVersion: 3,
  occurredAt: new Date().toISOString(),
  correlationId: randomUUID(),
  causationId: null,
  originSystem: 'cloud',
  payload: payload as never,
});

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
