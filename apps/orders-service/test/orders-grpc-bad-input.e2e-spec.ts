import { randomUUID } from 'node:crypto';
import { ORDERS_PROTO_PATH } from '@bascule/orders/contracts';
import { grpcBadInputTable, protobufBytes, wireField } from '@bascule/shared/testing';
import { ordersBadInputWorld, OrdersBadInputWorld as World } from './orders-service.harness';

describe('orders-service gRPC refuses bad input with the exact status naming the field, never INTERNAL', () => {
  jest.setTimeout(180_000);
  const payment = { type: 'card', token: 'tok_ok' };

  const table = grpcBadInputTable<World>({
    protoPath: ORDERS_PROTO_PATH,
    ...ordersBadInputWorld,
    cases: ({ clientId, id, sku }) => {
      const line = (overrides: Record<string, unknown> = {}) => ({ sku: sku.A, quantity: 1, ...overrides });
      const order = (overrides: Record<string, unknown> = {}) => ({ clientId, lines: [line()], payment, ...overrides });
      const lines = (...items: object[]) => order({ lines: items });
      const at = (expectedVersion: number, more: Record<string, unknown> = {}) => ({ id, expectedVersion, ...more });
      return [
        ['missing clientId', 'PlaceOrder', 'INVALID_ARGUMENT', 'clientId', order({ clientId: undefined })],
        ['clientId not a uuid', 'PlaceOrder', 'INVALID_ARGUMENT', 'clientId', order({ clientId: 'client-42' })],
        ['no lines', 'PlaceOrder', 'INVALID_ARGUMENT', 'lines', lines()],
        [
          '101 lines',
          'PlaceOrder',
          'INVALID_ARGUMENT',
          'lines',
          lines(...Array.from({ length: 101 }, (_, i) => line({ sku: `S-${i}` }))),
        ],
        ['an empty sku', 'PlaceOrder', 'INVALID_ARGUMENT', 'lines/0/sku', lines(line({ sku: '' }))],
        ['a sku with a space', 'PlaceOrder', 'INVALID_ARGUMENT', 'lines/1/sku', lines(line(), line({ sku: 'A B' }))],
        [
          'a sku of 65 characters',
          'PlaceOrder',
          'INVALID_ARGUMENT',
          'lines/0/sku',
          lines(line({ sku: 'S'.repeat(65) })),
        ],
        ['a NUL in a sku', 'PlaceOrder', 'INVALID_ARGUMENT', 'lines/0', lines(line({ sku: 'A\u0000B' }))],
        ['quantity 0 (unset)', 'PlaceOrder', 'INVALID_ARGUMENT', 'lines/0/quantity', lines(line({ quantity: 0 }))],
        ['a negative quantity', 'PlaceOrder', 'INVALID_ARGUMENT', 'lines/0/quantity', lines(line({ quantity: -3 }))],
        ['quantity 10,001', 'PlaceOrder', 'INVALID_ARGUMENT', 'lines/0/quantity', lines(line({ quantity: 10_001 }))],
        ['the same sku twice', 'PlaceOrder', 'INVALID_ARGUMENT', 'lines/1/sku', lines(line(), line({ quantity: 2 }))],
        ['missing payment', 'PlaceOrder', 'INVALID_ARGUMENT', 'payment', order({ payment: undefined })],
        [
          'payment by cheque',
          'PlaceOrder',
          'INVALID_ARGUMENT',
          'payment/type',
          order({ payment: { ...payment, type: 'cheque' } }),
        ],
        [
          'an empty token',
          'PlaceOrder',
          'INVALID_ARGUMENT',
          'payment/token',
          order({ payment: { ...payment, token: '' } }),
        ],
        [
          'a token with a space',
          'PlaceOrder',
          'INVALID_ARGUMENT',
          'payment/token',
          order({ payment: { ...payment, token: 'tok ok' } }),
        ],
        [
          'an unknown sku',
          'PlaceOrder',
          'FAILED_PRECONDITION',
          'lines/1/sku',
          lines(line(), line({ sku: 'NO-SUCH-SKU' })),
        ],
        ['an unknown client', 'PlaceOrder', 'FAILED_PRECONDITION', 'clientId', order({ clientId: randomUUID() })],
        [
          'placed without a token',
          'PlaceOrder',
          'UNAUTHENTICATED',
          'AUTH.UNAUTHENTICATED',
          order(),
          { as: 'anonymous' },
        ],
        [
          'placed with a token that is not one',
          'PlaceOrder',
          'UNAUTHENTICATED',
          'AUTH.INVALID_TOKEN',
          order(),
          { as: 'anonymous', metadata: { authorization: 'Bearer not.a.token' } },
        ],
        ['placed by a reader', 'PlaceOrder', 'PERMISSION_DENIED', 'orders:write', order(), { as: 'reader' }],
        [
          'a message over 256 KiB',
          'PlaceOrder',
          'RESOURCE_EXHAUSTED',
          '',
          order({ payment: { ...payment, token: 't'.repeat(300 * 1024) } }),
        ],
        [
          'a message over 256 KiB, without a token (refused before authentication)',
          'PlaceOrder',
          'RESOURCE_EXHAUSTED',
          '',
          order({ payment: { ...payment, token: 't'.repeat(300 * 1024) } }),
          { as: 'anonymous' },
        ],
        [
          'bytes that are not protobuf',
          'PlaceOrder',
          'INVALID_ARGUMENT',
          'request',
          protobufBytes(Buffer.from([0x0f, 0xff, 0xff])),
        ],
        [
          'lines sent as a number (wrong wire type)',
          'PlaceOrder',
          'INVALID_ARGUMENT',
          'request',
          protobufBytes(wireField(1, clientId), wireField(2, 7)),
        ],
        ['an id that is not a uuid', 'GetOrder', 'INVALID_ARGUMENT', 'id', { id: 'not-an-id' }],
        ['an empty id', 'GetOrder', 'INVALID_ARGUMENT', 'id', { id: '' }],
        ['SQL in the id', 'GetOrder', 'INVALID_ARGUMENT', 'id', { id: "1' OR '1'='1" }],
        [
          'an id sent as a number (wrong wire type)',
          'GetOrder',
          'INVALID_ARGUMENT',
          'id',
          protobufBytes(wireField(1, 42)),
        ],
        ['an unknown order', 'GetOrder', 'NOT_FOUND', 'ORDER.NOT_FOUND', { id: randomUUID() }],
        [
          'read by a user without orders roles',
          'GetOrder',
          'PERMISSION_DENIED',
          'orders:read',
          { id },
          { as: 'eraser' },
        ],
        [
          'a correlation id of 1,000 characters',
          'GetOrder',
          'INVALID_ARGUMENT',
          'x-correlation-id',
          { id },
          { metadata: { 'x-correlation-id': 'c'.repeat(1_000) } },
        ],
        ['list by a clientId that is not a uuid', 'ListOrders', 'INVALID_ARGUMENT', 'clientId', { clientId: '42' }],
        ['list by an unknown status', 'ListOrders', 'INVALID_ARGUMENT', 'status', { status: 'LOST' }],
        ['list by a lower-case status', 'ListOrders', 'INVALID_ARGUMENT', 'status', { status: 'pending' }],
        ['list with a negative limit', 'ListOrders', 'INVALID_ARGUMENT', 'limit', { limit: -1 }],
        ['list with limit 101', 'ListOrders', 'INVALID_ARGUMENT', 'limit', { limit: 101 }],
        ['list with a cursor that is not a uuid', 'ListOrders', 'INVALID_ARGUMENT', 'cursor', { cursor: 'abc' }],
        ['list without a token', 'ListOrders', 'UNAUTHENTICATED', 'AUTH.UNAUTHENTICATED', {}, { as: 'anonymous' }],
        ['confirm without expected_version (0)', 'ConfirmOrder', 'INVALID_ARGUMENT', 'expectedVersion', { id }],
        ['confirm at a negative version', 'ConfirmOrder', 'INVALID_ARGUMENT', 'expectedVersion', at(-1)],
        [
          'confirm an id that is not a uuid',
          'ConfirmOrder',
          'INVALID_ARGUMENT',
          'id',
          { id: 'nope', expectedVersion: 1 },
        ],
        [
          'confirm an unknown order',
          'ConfirmOrder',
          'NOT_FOUND',
          'ORDER.NOT_FOUND',
          { id: randomUUID(), expectedVersion: 1 },
        ],
        ['confirm at a stale version', 'ConfirmOrder', 'ABORTED', 'CONCURRENCY.VERSION_MISMATCH', at(7)],
        [
          'confirm by a writer (orders:admin only)',
          'ConfirmOrder',
          'PERMISSION_DENIED',
          'orders:admin',
          at(1),
          { as: 'writer' },
        ],
        ['reject without a reason', 'RejectOrder', 'INVALID_ARGUMENT', 'reason', at(1)],
        [
          'reject with a reason of 501 characters',
          'RejectOrder',
          'INVALID_ARGUMENT',
          'reason',
          at(1, { reason: 'x'.repeat(501) }),
        ],
        [
          'reject at a stale version',
          'RejectOrder',
          'ABORTED',
          'CONCURRENCY.VERSION_MISMATCH',
          at(2, { reason: 'no stock' }),
        ],
        ['ship a PENDING order', 'ShipOrder', 'FAILED_PRECONDITION', 'ORDER.INVALID_STATE', at(1)],
        [
          'ship an unknown order',
          'ShipOrder',
          'NOT_FOUND',
          'ORDER.NOT_FOUND',
          { id: randomUUID(), expectedVersion: 1 },
        ],
        ['ship by a reader', 'ShipOrder', 'PERMISSION_DENIED', 'orders:admin', at(1), { as: 'reader' }],
        ['cancel without a reason', 'CancelOrder', 'INVALID_ARGUMENT', 'reason', at(1)],
        ['cancel with a blank reason', 'CancelOrder', 'INVALID_ARGUMENT', 'reason', at(1, { reason: '   ' })],
        [
          'cancel with a NUL in the reason',
          'CancelOrder',
          'INVALID_ARGUMENT',
          'reason',
          at(1, { reason: 'no\u0000pe' }),
        ],
        [
          'cancel at a stale version',
          'CancelOrder',
          'ABORTED',
          'CONCURRENCY.VERSION_MISMATCH',
          at(3, { reason: 'changed my mind' }),
        ],
        [
          'cancel an unknown order',
          'CancelOrder',
          'NOT_FOUND',
          'ORDER.NOT_FOUND',
          { id: randomUUID(), expectedVersion: 1, reason: 'x' },
        ],
        [
          'cancel by a reader',
          'CancelOrder',
          'PERMISSION_DENIED',
          'orders:write',
          at(1, { reason: 'x' }),
          { as: 'reader' },
        ],
      ];
    },
    unchanged: async ({ orders, clientId, id }) => {
      const page = await orders.http().get(`/orders?clientId=${clientId}`).expect(200);
      expect(page.body.items).toEqual([expect.objectContaining({ id, version: 1, status: 'PENDING' })]);
    },
  });

  it('is still serving afterwards', async () => {
    const { orders, id } = table.world;
    expect((await orders.http().get(`/orders/${id}`).expect(200)).body).toMatchObject({ id, version: 1 });
  });
});
