import { randomUUID } from 'node:crypto';
import { restBadInputTable } from '@bascule/shared/testing';
import { BillingBadInputWorld as World, billingBadInputWorld } from './billing-service.harness';

describe('billing-service refuses bad input with problem+json naming the field, never a 500', () => {
  // The world starts inventory, orders and client services as processes: up to a few minutes on a loaded machine.
  jest.setTimeout(300_000);

  restBadInputTable<World>({
    ...billingBadInputWorld,
    cases: ({ pending, id }) => {
      const eur = (amount: unknown) => ({ amount, currency: 'EUR' });
      const v1 = { 'if-match': '"1"' };
      const credit = (overrides: Record<string, unknown> = {}) => ({
        amount: eur(100),
        reason: 'refund',
        ...overrides,
      });
      const notes = `/invoices/${id}/credit-notes`;
      return [
        ['missing orderId', 'post', '/invoices', {}, 400, '#/orderId'],
        ['orderId not a uuid', 'post', '/invoices', { orderId: 'order-42' }, 400, '#/orderId'],
        ['orderId as a number', 'post', '/invoices', { orderId: 42 }, 400, '#/orderId'],
        ['orderId null', 'post', '/invoices', { orderId: null }, 400, '#/orderId'],
        [
          'a number from the caller',
          'post',
          '/invoices',
          { orderId: randomUUID(), number: '2026-000001' },
          400,
          '#/number',
        ],
        ['totals from the caller', 'post', '/invoices', { orderId: randomUUID(), totalVat: eur(0) }, 400, '#/totalVat'],
        ['lines from the caller', 'post', '/invoices', { orderId: randomUUID(), lines: [] }, 400, '#/lines'],
        ['a body that is an array', 'post', '/invoices', [{ orderId: randomUUID() }], 400, '#/'],
        ['an order billing does not know', 'post', '/invoices', { orderId: randomUUID() }, 422, '#/orderId'],
        ['an order not confirmed', 'post', '/invoices', { orderId: pending }, 409, 'INVOICE.ORDER_NOT_CONFIRMED'],
        ['an id that is not a uuid', 'get', '/invoices/not-an-id', undefined, 400, 'id'],
        ['list by an orderId that is not a uuid', 'get', '/invoices?orderId=42', undefined, 400, 'orderId'],
        ['list with limit 0', 'get', '/invoices?limit=0', undefined, 400, 'limit'],
        ['list with limit 101', 'get', '/invoices?limit=101', undefined, 400, 'limit'],
        ['list with a cursor that is not a uuid', 'get', '/invoices?cursor=abc', undefined, 400, 'cursor'],
        ['credit without If-Match', 'post', notes, credit(), 428, 'If-Match'],
        ['credit with a garbage If-Match', 'post', notes, credit(), 412, 'If-Match', { 'if-match': 'yesterday' }],
        ['credit without an amount', 'post', notes, credit({ amount: undefined }), 400, '#/amount', v1],
        ['credit an amount in decimals', 'post', notes, credit({ amount: eur(1.5) }), 400, '#/amount/amount', v1],
        ['credit an amount as a string', 'post', notes, credit({ amount: eur('100') }), 400, '#/amount/amount', v1],
        [
          'credit in a currency that is not a code',
          'post',
          notes,
          credit({ amount: { amount: 100, currency: 'euro' } }),
          400,
          '#/amount/currency',
          v1,
        ],
        ['credit zero', 'post', notes, credit({ amount: eur(0) }), 422, '#/amount', v1],
        ['credit a negative amount', 'post', notes, credit({ amount: eur(-100) }), 422, '#/amount', v1],
        [
          'credit in another currency than the invoice',
          'post',
          notes,
          credit({ amount: { amount: 100, currency: 'USD' } }),
          422,
          '#/amount',
          v1,
        ],
        ['credit more than the invoice', 'post', notes, credit({ amount: eur(1_000_000) }), 422, '#/amount', v1],
        ['credit without a reason', 'post', notes, credit({ reason: undefined }), 400, '#/reason', v1],
        ['credit with an empty reason', 'post', notes, credit({ reason: '' }), 400, '#/reason', v1],
        [
          'credit with a reason of 501 characters',
          'post',
          notes,
          credit({ reason: 'x'.repeat(501) }),
          400,
          '#/reason',
          v1,
        ],
        ['credit with an unknown field', 'post', notes, credit({ number: '2026-000042' }), 400, '#/number', v1],
        [
          'credit an invoice that does not exist',
          'post',
          `/invoices/${randomUUID()}/credit-notes`,
          credit(),
          404,
          'INVOICE.NOT_FOUND',
          v1,
        ],
      ];
    },
  });
});
