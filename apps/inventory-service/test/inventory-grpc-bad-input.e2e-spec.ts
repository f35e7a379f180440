import { randomUUID } from 'node:crypto';
import { INVENTORY_PROTO_PATH } from '@bascule/inventory/contracts';
import { grpcBadInputTable, protobufBytes, wireField } from '@bascule/shared/testing';
import { aStockItem, inventoryBadInputWorld, InventoryBadInputWorld as World } from './inventory-fixtures';

describe('inventory-service gRPC refuses bad input with the exact status naming the field, never INTERNAL', () => {
  const table = grpcBadInputTable<World>({
    protoPath: INVENTORY_PROTO_PATH,
    ...inventoryBadInputWorld,
    cases: ({ sku, orderId }) => {
      const item = (overrides: Record<string, unknown> = {}) => aStockItem(overrides);
      const price = (unitPrice: unknown) => item({ unitPrice });
      const at = (expectedVersion: number, more: Record<string, unknown> = {}) => ({ sku, expectedVersion, ...more });
      const reservation = (overrides: Record<string, unknown> = {}) => ({
        orderId: randomUUID(),
        lines: [{ sku, quantity: 1 }],
        ...overrides,
      });
      const held = (expectedVersion: number) => ({ id: orderId, expectedVersion });
      return [
        ['missing sku', 'CreateStockItem', 'INVALID_ARGUMENT', 'sku', item({ sku: undefined })],
        ['sku with a space', 'CreateStockItem', 'INVALID_ARGUMENT', 'sku', item({ sku: 'CUP 6' })],
        ['sku of 65 characters', 'CreateStockItem', 'INVALID_ARGUMENT', 'sku', item({ sku: 'S'.repeat(65) })],
        ['empty label', 'CreateStockItem', 'INVALID_ARGUMENT', 'label', item({ label: '' })],
        ['label of 201 characters', 'CreateStockItem', 'INVALID_ARGUMENT', 'label', item({ label: 'l'.repeat(201) })],
        ['NUL in the label', 'CreateStockItem', 'INVALID_ARGUMENT', 'label', item({ label: 'Cup\u0000s' })],
        ['missing unit price', 'CreateStockItem', 'INVALID_ARGUMENT', 'unitPrice', item({ unitPrice: undefined })],
        [
          'negative price',
          'CreateStockItem',
          'INVALID_ARGUMENT',
          'unitPrice/amount',
          price({ amount: -1, currency: 'EUR' }),
        ],
        [
          'price beyond a safe integer',
          'CreateStockItem',
          'INVALID_ARGUMENT',
          'unitPrice/amount',
          price({ amount: 2 ** 53, currency: 'EUR' }),
        ],
        [
          'lower-case currency',
          'CreateStockItem',
          'INVALID_ARGUMENT',
          'unitPrice/currency',
          price({ amount: 1, currency: 'eur' }),
        ],
        ['empty currency', 'CreateStockItem', 'INVALID_ARGUMENT', 'unitPrice/currency', price({ amount: 1 })],
        ['negative on hand', 'CreateStockItem', 'INVALID_ARGUMENT', 'onHand', item({ onHand: -1 })],
        ['a sku taken already', 'CreateStockItem', 'FAILED_PRECONDITION', 'STOCK_ITEM.SKU_TAKEN', item({ sku })],
        ['created by a reader', 'CreateStockItem', 'PERMISSION_DENIED', 'inventory:write', item(), { as: 'reader' }],
        [
          'created without a token',
          'CreateStockItem',
          'UNAUTHENTICATED',
          'AUTH.UNAUTHENTICATED',
          item(),
          { as: 'anonymous' },
        ],
        [
          'a message over 256 KiB',
          'CreateStockItem',
          'RESOURCE_EXHAUSTED',
          '',
          item({ label: 'l'.repeat(300 * 1024) }),
          { as: 'anonymous' },
        ],
        [
          'on hand sent as a string (wrong wire type)',
          'CreateStockItem',
          'INVALID_ARGUMENT',
          'request',
          protobufBytes(wireField(1, 'CUP-6'), wireField(4, 'five')),
        ],
        ['a sku with a slash', 'GetStockItem', 'INVALID_ARGUMENT', 'sku', { sku: 'a/b' }],
        ['an empty sku', 'GetStockItem', 'INVALID_ARGUMENT', 'sku', { sku: '' }],
        ['an unknown sku', 'GetStockItem', 'NOT_FOUND', 'STOCK_ITEM.NOT_FOUND', { sku: `NONE-${randomUUID()}` }],
        [
          'read by a user without inventory roles',
          'GetStockItem',
          'PERMISSION_DENIED',
          'inventory:read',
          { sku },
          { as: 'eraser' },
        ],
        ['list with a negative limit', 'ListStockItems', 'INVALID_ARGUMENT', 'limit', { limit: -1 }],
        ['list with limit 101', 'ListStockItems', 'INVALID_ARGUMENT', 'limit', { limit: 101 }],
        ['list with a cursor not an id', 'ListStockItems', 'INVALID_ARGUMENT', 'cursor', { cursor: 'nope' }],
        [
          'price change without expected_version (0)',
          'ChangeStockItemPrice',
          'INVALID_ARGUMENT',
          'expectedVersion',
          { sku, unitPrice: { amount: 1, currency: 'EUR' } },
        ],
        [
          'price change to a four-letter currency',
          'ChangeStockItemPrice',
          'INVALID_ARGUMENT',
          'unitPrice/currency',
          at(2, { unitPrice: { amount: 1, currency: 'EURO' } }),
        ],
        [
          'price change at a stale version',
          'ChangeStockItemPrice',
          'ABORTED',
          'CONCURRENCY.VERSION_MISMATCH',
          at(1, { unitPrice: { amount: 1, currency: 'EUR' } }),
        ],
        [
          'price change of an unknown sku',
          'ChangeStockItemPrice',
          'NOT_FOUND',
          'STOCK_ITEM.NOT_FOUND',
          { sku: `NONE-${randomUUID()}`, expectedVersion: 1, unitPrice: { amount: 1, currency: 'EUR' } },
        ],
        ['VAT rate that is not French', 'CreateStockItem', 'INVALID_ARGUMENT', 'vatRate', item({ vatRate: 1900 })],
        ['VAT rate change to 0', 'ChangeStockItemVatRate', 'INVALID_ARGUMENT', 'vatRate', at(2, { vatRate: 0 })],
        [
          'VAT rate change at a stale version',
          'ChangeStockItemVatRate',
          'ABORTED',
          'CONCURRENCY.VERSION_MISMATCH',
          at(1, { vatRate: 1000 }),
        ],
        [
          'VAT rate change of an unknown sku',
          'ChangeStockItemVatRate',
          'NOT_FOUND',
          'STOCK_ITEM.NOT_FOUND',
          { sku: `NONE-${randomUUID()}`, expectedVersion: 1, vatRate: 1000 },
        ],
        ['restock of no unit', 'RestockStockItem', 'INVALID_ARGUMENT', 'quantity', at(2, { quantity: 0 })],
        ['restock of a negative quantity', 'RestockStockItem', 'INVALID_ARGUMENT', 'quantity', at(2, { quantity: -5 })],
        [
          'restock of a bad sku',
          'RestockStockItem',
          'INVALID_ARGUMENT',
          'sku',
          { sku: 'bad sku', expectedVersion: 2, quantity: 1 },
        ],
        [
          'restock at a stale version',
          'RestockStockItem',
          'ABORTED',
          'CONCURRENCY.VERSION_MISMATCH',
          at(9, { quantity: 1 }),
        ],
        [
          'restock by a reader',
          'RestockStockItem',
          'PERMISSION_DENIED',
          'inventory:write',
          at(2, { quantity: 1 }),
          { as: 'reader' },
        ],
        ['adjust by 0', 'AdjustStockItem', 'INVALID_ARGUMENT', 'delta', at(2, { delta: 0, reason: 'count' })],
        ['adjust without a reason', 'AdjustStockItem', 'INVALID_ARGUMENT', 'reason', at(2, { delta: 1 })],
        [
          'adjust below what is reserved',
          'AdjustStockItem',
          'FAILED_PRECONDITION',
          'STOCK_ITEM.INSUFFICIENT_STOCK',
          at(2, { delta: -5, reason: 'count' }),
        ],
        [
          'reservation for an order id that is not one',
          'CreateStockReservation',
          'INVALID_ARGUMENT',
          'orderId',
          reservation({ orderId: 'order-1' }),
        ],
        ['reservation of no line', 'CreateStockReservation', 'INVALID_ARGUMENT', 'lines', reservation({ lines: [] })],
        [
          'reservation of 101 lines',
          'CreateStockReservation',
          'INVALID_ARGUMENT',
          'lines',
          reservation({ lines: Array.from({ length: 101 }, (_, i) => ({ sku: `S-${i}`, quantity: 1 })) }),
        ],
        [
          'line of no unit',
          'CreateStockReservation',
          'INVALID_ARGUMENT',
          'lines/0/quantity',
          reservation({ lines: [{ sku, quantity: 0 }] }),
        ],
        [
          'line of 10,001 units',
          'CreateStockReservation',
          'INVALID_ARGUMENT',
          'lines/0/quantity',
          reservation({ lines: [{ sku, quantity: 10_001 }] }),
        ],
        [
          'line with a bad sku',
          'CreateStockReservation',
          'INVALID_ARGUMENT',
          'lines/1/sku',
          reservation({
            lines: [
              { sku, quantity: 1 },
              { sku: 'b b', quantity: 1 },
            ],
          }),
        ],
        [
          'two lines of one sku',
          'CreateStockReservation',
          'INVALID_ARGUMENT',
          'lines',
          reservation({
            lines: [
              { sku, quantity: 1 },
              { sku, quantity: 2 },
            ],
          }),
        ],
        [
          'reserved by a reader',
          'CreateStockReservation',
          'PERMISSION_DENIED',
          'inventory:write',
          reservation(),
          { as: 'reader' },
        ],
        ['reservation id not a uuid', 'GetStockReservation', 'INVALID_ARGUMENT', 'id', { id: 'order-1' }],
        [
          'an unknown reservation',
          'GetStockReservation',
          'NOT_FOUND',
          'STOCK_RESERVATION.NOT_FOUND',
          { id: randomUUID() },
        ],
        ['list reservations with limit 1000', 'ListStockReservations', 'INVALID_ARGUMENT', 'limit', { limit: 1000 }],
        [
          'list reservations with a cursor not a uuid',
          'ListStockReservations',
          'INVALID_ARGUMENT',
          'cursor',
          { cursor: 'x' },
        ],
        [
          'release of an id that is not one',
          'ReleaseStockReservation',
          'INVALID_ARGUMENT',
          'id',
          { id: 'order-1', expectedVersion: 1 },
        ],
        [
          'release without expected_version (0)',
          'ReleaseStockReservation',
          'INVALID_ARGUMENT',
          'expectedVersion',
          held(0),
        ],
        ['release at a stale version', 'ReleaseStockReservation', 'ABORTED', 'CONCURRENCY.VERSION_MISMATCH', held(4)],
        [
          'release of an unknown reservation',
          'ReleaseStockReservation',
          'NOT_FOUND',
          'STOCK_RESERVATION.NOT_FOUND',
          { id: randomUUID(), expectedVersion: 1 },
        ],
        ['commit at a stale version', 'CommitStockReservation', 'ABORTED', 'CONCURRENCY.VERSION_MISMATCH', held(2)],
        [
          'commit by a reader',
          'CommitStockReservation',
          'PERMISSION_DENIED',
          'inventory:write',
          held(1),
          { as: 'reader' },
        ],
      ];
    },
    unchanged: async ({ service, sku, orderId }) => {
      expect((await service.http().get(`/stock-items/${sku}`).expect(200)).body).toMatchObject({
        version: 2,
        onHand: 5,
        reserved: 1,
        unitPrice: { amount: 2490, currency: 'EUR' },
      });
      expect((await service.http().get(`/stock-reservations/${orderId}`).expect(200)).body).toMatchObject({
        version: 1,
        status: 'RESERVED',
      });
      const page = await service.http().get('/stock-reservations?limit=100').expect(200);
      expect(page.body.items.map((r: { id: string }) => r.id)).toEqual([orderId]);
    },
  });

  it('is still serving afterwards', async () => {
    const { service, sku } = table.world;
    expect((await service.http().get(`/stock-items/${sku}`).expect(200)).body).toMatchObject({ sku, available: 4 });
  });
});
