import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@bascule/shared/contracts';
import { SqlRows } from '@bascule/shared/persistence';
import { OnStockItemCreatedHandler } from './on-stock-item-created.handler';

/** The statements the handler runs in the consumer's transaction, recorded. */
function recordingTx() {
  const statements: { sql: string; parameters?: unknown[] }[] = [];
  const tx = { query: async (sql: string, parameters?: unknown[]) => (statements.push({ sql, parameters }), []) };
  return { statements, tx: tx as unknown as SqlRows };
}

const event = (payload: object): EventEnvelope<never> => ({
  id: randomUUID(),
  type: 'inventory.stock-item-created',
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

describe('OnStockItemCreatedHandler', () => {
  it('keeps sku, label, unitPrice, vatRate of the aggregate, from a newer version only', async () => {
    const { statements, tx } = recordingTx();
    const payload = { sku: 'a text', label: 'a text', unitPrice: { any: 'value' }, vatRate: 7 };
    const consumed = event(payload);
    await new OnStockItemCreatedHandler().handle(consumed, tx);
    expect(statements).toEqual([
      {
        sql: expect.stringMatching(
          /INSERT INTO known_stock_items .*WHERE known_stock_items\.version < EXCLUDED\.version/s,
        ),
        parameters: [
          consumed.aggregateId,
          3,
          payload.sku,
          payload.label,
          JSON.stringify(payload.unitPrice),
          payload.vatRate,
        ],
      },
    ]);
  });
});
