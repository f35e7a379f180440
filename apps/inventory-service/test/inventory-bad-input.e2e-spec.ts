import { randomUUID } from 'node:crypto';
import { restBadInputTable } from '@bascule/shared/testing';
import { aStockItem, InventoryBadInputWorld as World, startInventoryBadInputWorld } from './inventory-fixtures';

describe('inventory-service refuses bad input with problem+json naming the field, never a 500', () => {
  restBadInputTable<World>({
    start: startInventoryBadInputWorld,
    target: (world) => world.service,
    close: async ({ service }) => {
      await service.close();
      await service.revoke();
    },
    cases: ({ sku, orderId }) => {
      const item = (overrides: Record<string, unknown>) => aStockItem(overrides);
      const price = (unitPrice: unknown) => item({ unitPrice });
      const reservation = (overrides: Record<string, unknown>) => ({
        orderId: randomUUID(),
        lines: [{ sku: 'ANY-1', quantity: 1 }],
        ...overrides,
      });
      const v1 = { 'If-Match': '"1"' };
      return [
        ['missing sku', 'post', '/stock-items', { ...item({}), sku: undefined }, 400, '#/sku'],
        ['sku with a space', 'post', '/stock-items', item({ sku: 'CUP 6' }), 400, '#/sku'],
        ['sku of 65 characters', 'post', '/stock-items', item({ sku: 'S'.repeat(65) }), 400, '#/sku'],
        ['sku as a number', 'post', '/stock-items', item({ sku: 42 }), 400, '#/sku'],
        ['empty label', 'post', '/stock-items', item({ label: '' }), 400, '#/label'],
        ['label of 201 characters', 'post', '/stock-items', item({ label: 'l'.repeat(201) }), 400, '#/label'],
        ['NUL in the label', 'post', '/stock-items', item({ label: 'Cup\u0000s' }), 400, '#/label'],
        ['missing unit price', 'post', '/stock-items', { ...item({}), unitPrice: undefined }, 400, '#/unitPrice'],
        ['negative price', 'post', '/stock-items', price({ amount: -1, currency: 'EUR' }), 400, '#/unitPrice/amount'],
        [
          'price in decimals',
          'post',
          '/stock-items',
          price({ amount: 12.5, currency: 'EUR' }),
          400,
          '#/unitPrice/amount',
        ],
        [
          'price as a string',
          'post',
          '/stock-items',
          price({ amount: '1250', currency: 'EUR' }),
          400,
          '#/unitPrice/amount',
        ],
        [
          'lower-case currency',
          'post',
          '/stock-items',
          price({ amount: 1, currency: 'eur' }),
          400,
          '#/unitPrice/currency',
        ],
        [
          'unknown field in the price',
          'post',
          '/stock-items',
          price({ amount: 1, currency: 'EUR', vat: 2 }),
          400,
          '#/unitPrice/vat',
        ],
        ['negative on hand', 'post', '/stock-items', item({ onHand: -1 }), 400, '#/onHand'],
        ['on hand as a string', 'post', '/stock-items', item({ onHand: '5' }), 400, '#/onHand'],
        ['on hand beyond 32 bits', 'post', '/stock-items', item({ onHand: 2 ** 31 }), 400, '#/onHand'],
        ['unknown field', 'post', '/stock-items', item({ reserved: 3 }), 400, '#/reserved'],
        [
          'Idempotency-Key of 300 characters',
          'post',
          '/stock-items',
          item({}),
          400,
          'Idempotency-Key',
          { 'Idempotency-Key': 'k'.repeat(300) },
        ],
        ['a path that is not a sku', 'get', '/stock-items/not%20a%20sku', undefined, 400, 'sku'],
        ['limit 0', 'get', '/stock-items?limit=0', undefined, 400, 'limit'],
        ['cursor not an id', 'get', '/stock-items?cursor=nope', undefined, 400, 'cursor'],
        ['restock of no unit', 'post', `/stock-items/${sku}/restock`, { quantity: 0 }, 400, '#/quantity', v1],
        ['restock without If-Match', 'post', `/stock-items/${sku}/restock`, { quantity: 1 }, 428, 'If-Match'],
        [
          'restock with an If-Match that is no ETag',
          'post',
          `/stock-items/${sku}/restock`,
          { quantity: 1 },
          412,
          'If-Match',
          { 'If-Match': 'yesterday' },
        ],
        ['restock of a bad sku', 'post', '/stock-items/bad%20sku/restock', { quantity: 1 }, 400, 'sku', v1],
        ['adjust by 0', 'post', `/stock-items/${sku}/adjust`, { delta: 0, reason: 'count' }, 400, '#/delta', v1],
        ['adjust by 1.5', 'post', `/stock-items/${sku}/adjust`, { delta: 1.5, reason: 'count' }, 400, '#/delta', v1],
        ['adjust without a reason', 'post', `/stock-items/${sku}/adjust`, { delta: 1 }, 400, '#/reason', v1],
        [
          'price change to a four-letter currency',
          'post',
          `/stock-items/${sku}/change-stock-item-price`,
          { unitPrice: { amount: 1, currency: 'EURO' } },
          400,
          '#/unitPrice/currency',
          v1,
        ],
        ['VAT rate as a percentage', 'post', '/stock-items', item({ vatRate: 5.5 }), 400, '#/vatRate'],
        ['VAT rate that is not French', 'post', '/stock-items', item({ vatRate: 1900 }), 400, '#/vatRate'],
        ['VAT rate as a string', 'post', '/stock-items', item({ vatRate: '2000' }), 400, '#/vatRate'],
        ['VAT rate null', 'post', '/stock-items', item({ vatRate: null }), 400, '#/vatRate'],
        [
          'VAT rate change to 0',
          'post',
          `/stock-items/${sku}/change-stock-item-vat-rate`,
          { vatRate: 0 },
          400,
          '#/vatRate',
          v1,
        ],
        [
          'VAT rate change without a rate',
          'post',
          `/stock-items/${sku}/change-stock-item-vat-rate`,
          {},
          400,
          '#/vatRate',
          v1,
        ],
        [
          'VAT rate change without If-Match',
          'post',
          `/stock-items/${sku}/change-stock-item-vat-rate`,
          { vatRate: 1000 },
          428,
          'If-Match',
        ],
        [
          'reservation for an order id that is not one',
          'post',
          '/stock-reservations',
          reservation({ orderId: 'order-1' }),
          400,
          '#/orderId',
        ],
        ['reservation of no line', 'post', '/stock-reservations', reservation({ lines: [] }), 400, '#/lines'],
        [
          'reservation of 101 lines',
          'post',
          '/stock-reservations',
          reservation({ lines: Array.from({ length: 101 }, (_, i) => ({ sku: `S-${i}`, quantity: 1 })) }),
          400,
          '#/lines',
        ],
        [
          'line of no unit',
          'post',
          '/stock-reservations',
          reservation({ lines: [{ sku: 'A-1', quantity: 0 }] }),
          400,
          '#/lines/0/quantity',
        ],
        [
          'line of 10,001 units',
          'post',
          '/stock-reservations',
          reservation({ lines: [{ sku: 'A-1', quantity: 10_001 }] }),
          400,
          '#/lines/0/quantity',
        ],
        [
          'line with a bad sku',
          'post',
          '/stock-reservations',
          reservation({
            lines: [
              { sku: 'A-1', quantity: 1 },
              { sku: 'b b', quantity: 1 },
            ],
          }),
          400,
          '#/lines/1/sku',
        ],
        [
          'two lines of one sku',
          'post',
          '/stock-reservations',
          reservation({
            lines: [
              { sku: 'A-1', quantity: 1 },
              { sku: 'A-1', quantity: 2 },
            ],
          }),
          400,
          '#/lines',
        ],
        [
          'release of an id that is not one',
          'post',
          '/stock-reservations/order-1/release-stock-reservation',
          undefined,
          400,
          'id',
          v1,
        ],
        [
          'commit without If-Match',
          'post',
          `/stock-reservations/${orderId}/commit-stock-reservation`,
          undefined,
          428,
          'If-Match',
        ],
      ];
    },
    // Changed nothing it refused.
    unchanged: async ({ service, sku }) => {
      expect((await service.http().get(`/stock-items/${sku}`).expect(200)).body).toMatchObject({
        version: 2,
        onHand: 5,
        reserved: 1,
      });
    },
  });
});
