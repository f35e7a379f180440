import { randomUUID } from 'node:crypto';
import { restBadInputTable } from '@bascule/shared/testing';
import { ordersBadInputWorld, OrdersBadInputWorld as World } from './orders-service.harness';

describe('orders-service refuses bad input with problem+json naming the field, never a 500', () => {
  jest.setTimeout(180_000);
  const payment = { type: 'card', token: 'tok_ok' };

  restBadInputTable<World>({
    ...ordersBadInputWorld,
    cases: ({ clientId, id, sku }) => {
      const order = (overrides: Record<string, unknown> = {}) => ({
        clientId,
        lines: [{ sku: sku.A, quantity: 1 }],
        payment,
        ...overrides,
      });
      const lines = (...items: unknown[]) => order({ lines: items });
      const line = (overrides: Record<string, unknown> = {}) => ({ sku: sku.A, quantity: 1, ...overrides });
      return [
        ['missing clientId', 'post', '/orders', order({ clientId: undefined }), 400, '#/clientId'],
        ['clientId not a uuid', 'post', '/orders', order({ clientId: 'client-42' }), 400, '#/clientId'],
        ['clientId as a number', 'post', '/orders', order({ clientId: 42 }), 400, '#/clientId'],
        ['missing lines', 'post', '/orders', order({ lines: undefined }), 400, '#/lines'],
        ['no lines', 'post', '/orders', lines(), 400, '#/lines'],
        [
          '101 lines',
          'post',
          '/orders',
          lines(...Array.from({ length: 101 }, (_, i) => line({ sku: `S-${i}` }))),
          400,
          '#/lines',
        ],
        ['lines as an object', 'post', '/orders', order({ lines: { sku: 'A', quantity: 1 } }), 400, '#/lines'],
        ['a line as a string', 'post', '/orders', lines('A'), 400, '#/lines/0'],
        ['a line without sku', 'post', '/orders', lines(line({ sku: undefined })), 400, '#/lines/0/sku'],
        ['an empty sku', 'post', '/orders', lines(line({ sku: '' })), 400, '#/lines/0/sku'],
        ['a sku with a space', 'post', '/orders', lines(line(), line({ sku: 'A B' })), 400, '#/lines/1/sku'],
        ['a sku of 65 characters', 'post', '/orders', lines(line({ sku: 'S'.repeat(65) })), 400, '#/lines/0/sku'],
        ['a NUL in a sku', 'post', '/orders', lines(line({ sku: 'A\u0000B' })), 400, '#/lines/0/sku'],
        ['a line without quantity', 'post', '/orders', lines(line({ quantity: undefined })), 400, '#/lines/0/quantity'],
        ['quantity 0', 'post', '/orders', lines(line({ quantity: 0 })), 400, '#/lines/0/quantity'],
        ['a negative quantity', 'post', '/orders', lines(line({ quantity: -3 })), 400, '#/lines/0/quantity'],
        ['quantity 10,001', 'post', '/orders', lines(line({ quantity: 10_001 })), 400, '#/lines/0/quantity'],
        ['a fractional quantity', 'post', '/orders', lines(line({ quantity: 1.5 })), 400, '#/lines/0/quantity'],
        ['quantity as a string', 'post', '/orders', lines(line({ quantity: '2' })), 400, '#/lines/0/quantity'],
        [
          'a unit price from the caller',
          'post',
          '/orders',
          lines(line({ unitPrice: { amount: 1, currency: 'EUR' } })),
          400,
          '#/lines/0/unitPrice',
        ],
        [
          'a total from the caller',
          'post',
          '/orders',
          order({ total: { amount: 1, currency: 'EUR' } }),
          400,
          '#/total',
        ],
        ['a status from the caller', 'post', '/orders', order({ status: 'SHIPPED' }), 400, '#/status'],
        ['the same sku twice', 'post', '/orders', lines(line(), line({ quantity: 2 })), 400, '#/lines/1/sku'],
        ['missing payment', 'post', '/orders', order({ payment: undefined }), 400, '#/payment'],
        [
          'payment by cheque',
          'post',
          '/orders',
          order({ payment: { type: 'cheque', token: 'tok_ok' } }),
          400,
          '#/payment/type',
        ],
        [
          'a card number instead of a token',
          'post',
          '/orders',
          order({ payment: { type: 'card', number: '4242424242424242' } }),
          400,
          '#/payment/number',
        ],
        ['an empty token', 'post', '/orders', order({ payment: { type: 'card', token: '' } }), 400, '#/payment/token'],
        ['an unknown field', 'post', '/orders', order({ coupon: 'FREE' }), 400, '#/coupon'],
        ['an unknown sku', 'post', '/orders', lines(line(), line({ sku: 'NO-SUCH-SKU' })), 422, '#/lines/1/sku'],
        ['an unknown client', 'post', '/orders', order({ clientId: randomUUID() }), 422, '#/clientId'],
        ['an id that is not a uuid', 'get', '/orders/not-an-id', undefined, 400, 'id'],
        ['list by a clientId that is not a uuid', 'get', '/orders?clientId=42', undefined, 400, 'clientId'],
        ['list by an unknown status', 'get', '/orders?status=LOST', undefined, 400, 'status'],
        ['list with limit 0', 'get', '/orders?limit=0', undefined, 400, 'limit'],
        ['list with a cursor that is not a uuid', 'get', '/orders?cursor=abc', undefined, 400, 'cursor'],
        ['cancel without If-Match', 'post', `/orders/${id}/cancel`, { reason: 'no' }, 428, 'If-Match'],
        [
          'cancel with a garbage If-Match',
          'post',
          `/orders/${id}/cancel`,
          { reason: 'no' },
          412,
          'If-Match',
          { 'if-match': 'yesterday' },
        ],
        ['cancel without a reason', 'post', `/orders/${id}/cancel`, {}, 400, '#/reason', { 'if-match': '"1"' }],
        [
          'cancel with an empty reason',
          'post',
          `/orders/${id}/cancel`,
          { reason: '' },
          400,
          '#/reason',
          { 'if-match': '"1"' },
        ],
        [
          'cancel with a blank reason',
          'post',
          `/orders/${id}/cancel`,
          { reason: '   ' },
          400,
          '#/reason',
          { 'if-match': '"1"' },
        ],
        [
          'cancel with a reason of 501 characters',
          'post',
          `/orders/${id}/cancel`,
          { reason: 'x'.repeat(501) },
          400,
          '#/reason',
          { 'if-match': '"1"' },
        ],
      ];
    },
    // Nothing was placed or changed by any of them.
    unchanged: async ({ orders, clientId, id }) => {
      const page = await orders.http().get(`/orders?clientId=${clientId}`).expect(200);
      expect(page.body.items).toEqual([expect.objectContaining({ id, version: 1, status: 'PENDING' })]);
    },
  });
});
