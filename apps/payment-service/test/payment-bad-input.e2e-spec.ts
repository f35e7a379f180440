import { restBadInputTable } from '@bascule/shared/testing';
import {
  aPaymentRequest,
  ORDER_ID,
  PaymentBadInputWorld as World,
  paymentBadInputWorld,
} from './payment-service.harness';

describe('payment-service refuses bad input with problem+json naming the field, never a 500', () => {
  restBadInputTable<World>({
    ...paymentBadInputWorld(),
    cases: ({ id }) => {
      const card = (token: unknown) => aPaymentRequest({ method: { type: 'card', token } });
      const money = (amount: unknown, currency: unknown = 'EUR') => ({ amount, currency });
      const ifMatch = { 'If-Match': '"1"' };
      const captureOf = (amount: unknown) => ({ amount });
      return [
        ['missing orderId', 'post', '/payments', { ...aPaymentRequest(), orderId: undefined }, 400, '#/orderId'],
        ['orderId not a uuid', 'post', '/payments', aPaymentRequest({ orderId: 'order-1' }), 400, '#/orderId'],
        ['orderId as a number', 'post', '/payments', aPaymentRequest({ orderId: 42 }), 400, '#/orderId'],
        ['missing amount', 'post', '/payments', { ...aPaymentRequest(), amount: undefined }, 400, '#/amount'],
        ['amount as a number', 'post', '/payments', aPaymentRequest({ amount: 1250 }), 400, '#/amount'],
        ['amount in decimals', 'post', '/payments', aPaymentRequest({ amount: money(12.5) }), 400, '#/amount/amount'],
        ['amount as a string', 'post', '/payments', aPaymentRequest({ amount: money('1250') }), 400, '#/amount/amount'],
        [
          'amount beyond a safe integer',
          'post',
          '/payments',
          aPaymentRequest({ amount: money(2 ** 53) }),
          400,
          '#/amount/amount',
        ],
        ['zero amount', 'post', '/payments', aPaymentRequest({ amount: money(0) }), 400, '#/amount/amount'],
        ['negative amount', 'post', '/payments', aPaymentRequest({ amount: money(-100) }), 400, '#/amount/amount'],
        [
          'currency in lower case',
          'post',
          '/payments',
          aPaymentRequest({ amount: money(100, 'eur') }),
          400,
          '#/amount/currency',
        ],
        [
          'currency not ISO 4217',
          'post',
          '/payments',
          aPaymentRequest({ amount: money(100, 'XYZ') }),
          400,
          '#/currency',
        ],
        [
          'missing currency',
          'post',
          '/payments',
          aPaymentRequest({ amount: { amount: 100 } }),
          400,
          '#/amount/currency',
        ],
        [
          'unknown field in amount',
          'post',
          '/payments',
          aPaymentRequest({ amount: { ...money(1), cents: 1 } }),
          400,
          '#/amount/cents',
        ],
        ['missing method', 'post', '/payments', { ...aPaymentRequest(), method: undefined }, 400, '#/method'],
        [
          'method type not card',
          'post',
          '/payments',
          aPaymentRequest({ method: { type: 'iban', token: 'tok_ok' } }),
          400,
          '#/method/type',
        ],
        ['missing token', 'post', '/payments', aPaymentRequest({ method: { type: 'card' } }), 400, '#/method/token'],
        ['token too short', 'post', '/payments', card('tok'), 400, '#/method/token'],
        ['token with a space', 'post', '/payments', card('tok ok'), 400, '#/method/token'],
        [
          'card number instead of a token',
          'post',
          '/payments',
          aPaymentRequest({ method: { type: 'card', token: 'tok_ok', pan: '4242424242424242' } }),
          400,
          '#/method/pan',
        ],
        ['token too long', 'post', '/payments', card('t'.repeat(201)), 400, '#/method/token'],
        [
          'unknown top-level field',
          'post',
          '/payments',
          { ...aPaymentRequest(), cardNumber: '4242' },
          400,
          '#/cardNumber',
        ],
        ['body not JSON', 'post', '/payments', '{"orderId":', 400, '#/'],
        ['body an array', 'post', '/payments', [aPaymentRequest()], 400, '#/'],
        [
          'Idempotency-Key too long',
          'post',
          '/payments',
          aPaymentRequest(),
          400,
          'Idempotency-Key',
          { 'Idempotency-Key': 'k'.repeat(300) },
        ],
        ['capture without If-Match', 'post', `/payments/${id}/capture`, captureOf(money(100)), 428, ''],
        ['capture without amount', 'post', `/payments/${id}/capture`, {}, 400, '#/amount', ifMatch],
        [
          'capture of a negative amount',
          'post',
          `/payments/${id}/capture`,
          captureOf(money(-1)),
          400,
          '#/amount/amount',
          ifMatch,
        ],
        [
          'capture in another currency',
          'post',
          `/payments/${id}/capture`,
          captureOf(money(100, 'USD')),
          400,
          '#/amount/currency',
          ifMatch,
        ],
        ['refund with amount a string', 'post', `/payments/${id}/refund`, captureOf('10'), 400, '#/amount', ifMatch],
        [
          'If-Match not a version (matches none: 412)',
          'post',
          `/payments/${id}/void`,
          undefined,
          412,
          '',
          { 'If-Match': 'soon' },
        ],
        ['payment id not a uuid', 'get', '/payments/nope', undefined, 400, 'id'],
        ['list by an orderId not a uuid', 'get', '/payments?orderId=42', undefined, 400, 'orderId'],
        ['list with limit 0', 'get', '/payments?limit=0', undefined, 400, 'limit'],
        ['list with a cursor not a uuid', 'get', '/payments?cursor=abc', undefined, 400, 'cursor'],
        ['list with an unknown parameter', 'get', '/payments?status=PAID', undefined, 400, 'status'],
      ];
    },
    // The provider was asked nothing for a refused request.
    unchanged: async ({ service }) => {
      expect(service.provider.ledger(ORDER_ID).requests).toBe(1);
    },
  });
});
