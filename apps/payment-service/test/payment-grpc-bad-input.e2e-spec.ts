import { randomUUID } from 'node:crypto';
import { PAYMENT_PROTO_PATH } from '@bascule/payment/contracts';
import { grpcBadInputTable, protobufBytes, wireField } from '@bascule/shared/testing';
import { aPaymentRequest, PaymentBadInputWorld as World, paymentBadInputWorld } from './payment-service.harness';

describe('payment-service gRPC refuses bad input with the exact status naming the field, never INTERNAL', () => {
  const table = grpcBadInputTable<World>({
    protoPath: PAYMENT_PROTO_PATH,
    ...paymentBadInputWorld(randomUUID()),
    cases: ({ orderId, id }) => {
      const payment = (overrides: Record<string, unknown> = {}) => aPaymentRequest({ orderId, ...overrides });
      const card = (token: unknown) => payment({ method: { type: 'card', token } });
      const money = (amount: unknown, currency: unknown = 'EUR') => ({ amount, currency });
      const at = (expectedVersion: number, more: Record<string, unknown> = {}) => ({ id, expectedVersion, ...more });
      return [
        ['missing orderId', 'CreatePayment', 'INVALID_ARGUMENT', 'orderId', payment({ orderId: undefined })],
        ['orderId not a uuid', 'CreatePayment', 'INVALID_ARGUMENT', 'orderId', payment({ orderId: 'order-1' })],
        ['missing amount', 'CreatePayment', 'INVALID_ARGUMENT', 'amount', payment({ amount: undefined })],
        [
          'amount beyond a safe integer',
          'CreatePayment',
          'INVALID_ARGUMENT',
          'amount/amount',
          payment({ amount: money(2 ** 53) }),
        ],
        ['zero amount', 'CreatePayment', 'INVALID_ARGUMENT', 'amount/amount', payment({ amount: money(0) })],
        ['negative amount', 'CreatePayment', 'INVALID_ARGUMENT', 'amount/amount', payment({ amount: money(-100) })],
        [
          'currency in lower case',
          'CreatePayment',
          'INVALID_ARGUMENT',
          'amount/currency',
          payment({ amount: money(100, 'eur') }),
        ],
        [
          'currency not ISO 4217',
          'CreatePayment',
          'INVALID_ARGUMENT',
          'currency',
          payment({ amount: money(100, 'XYZ') }),
        ],
        [
          'missing currency',
          'CreatePayment',
          'INVALID_ARGUMENT',
          'amount/currency',
          payment({ amount: { amount: 100 } }),
        ],
        ['missing method', 'CreatePayment', 'INVALID_ARGUMENT', 'method', payment({ method: undefined })],
        [
          'method type not card',
          'CreatePayment',
          'INVALID_ARGUMENT',
          'method/type',
          payment({ method: { type: 'iban', token: 'tok_ok' } }),
        ],
        ['missing token', 'CreatePayment', 'INVALID_ARGUMENT', 'method/token', payment({ method: { type: 'card' } })],
        ['token too short', 'CreatePayment', 'INVALID_ARGUMENT', 'method/token', card('tok')],
        ['token with a space', 'CreatePayment', 'INVALID_ARGUMENT', 'method/token', card('tok ok')],
        ['token too long', 'CreatePayment', 'INVALID_ARGUMENT', 'method/token', card('t'.repeat(201))],
        ['a token of 300 KiB', 'CreatePayment', 'RESOURCE_EXHAUSTED', '', card('t'.repeat(300 * 1024))],
        ['paid by a reader', 'CreatePayment', 'PERMISSION_DENIED', 'payment:write', payment(), { as: 'reader' }],
        [
          'paid without a token',
          'CreatePayment',
          'UNAUTHENTICATED',
          'AUTH.UNAUTHENTICATED',
          payment(),
          { as: 'anonymous' },
        ],
        [
          'the amount sent as a string (wrong wire type)',
          'CreatePayment',
          'INVALID_ARGUMENT',
          'request',
          protobufBytes(wireField(1, orderId), wireField(2, 1250)),
        ],
        ['payment id not a uuid', 'GetPayment', 'INVALID_ARGUMENT', 'id', { id: 'nope' }],
        ['an unknown payment', 'GetPayment', 'NOT_FOUND', 'PAYMENT.NOT_FOUND', { id: randomUUID() }],
        [
          'read by a user without payment roles',
          'GetPayment',
          'PERMISSION_DENIED',
          'payment:read',
          { id },
          { as: 'eraser' },
        ],
        [
          'read with a token that is not one',
          'GetPayment',
          'UNAUTHENTICATED',
          'AUTH.INVALID_TOKEN',
          { id },
          { as: 'anonymous', metadata: { authorization: 'Bearer e30.e30.e30' } },
        ],
        ['list by an orderId not a uuid', 'ListPayments', 'INVALID_ARGUMENT', 'orderId', { orderId: '42' }],
        ['list with a negative limit', 'ListPayments', 'INVALID_ARGUMENT', 'limit', { limit: -1 }],
        ['list with limit 101', 'ListPayments', 'INVALID_ARGUMENT', 'limit', { limit: 101 }],
        ['list with a cursor not a uuid', 'ListPayments', 'INVALID_ARGUMENT', 'cursor', { cursor: 'abc' }],
        [
          'capture without expected_version (0)',
          'Capture',
          'INVALID_ARGUMENT',
          'expectedVersion',
          { id, amount: money(100) },
        ],
        ['capture without amount', 'Capture', 'INVALID_ARGUMENT', 'amount', at(1)],
        ['capture of a negative amount', 'Capture', 'INVALID_ARGUMENT', 'amount/amount', at(1, { amount: money(-1) })],
        [
          'capture in another currency',
          'Capture',
          'INVALID_ARGUMENT',
          'amount/currency',
          at(1, { amount: money(100, 'USD') }),
        ],
        [
          'capture of more than authorized',
          'Capture',
          'FAILED_PRECONDITION',
          'PAYMENT.CAPTURE_EXCEEDS_AUTHORIZATION',
          at(1, { amount: money(1251) }),
        ],
        [
          'capture at a stale version',
          'Capture',
          'ABORTED',
          'CONCURRENCY.VERSION_MISMATCH',
          at(2, { amount: money(100) }),
        ],
        [
          'capture of an unknown payment',
          'Capture',
          'NOT_FOUND',
          'PAYMENT.NOT_FOUND',
          { id: randomUUID(), expectedVersion: 1, amount: money(100) },
        ],
        ['void an id that is not a uuid', 'Void', 'INVALID_ARGUMENT', 'id', { id: 'x', expectedVersion: 1 }],
        ['void at a negative version', 'Void', 'INVALID_ARGUMENT', 'expectedVersion', at(-1)],
        ['void at a stale version', 'Void', 'ABORTED', 'CONCURRENCY.VERSION_MISMATCH', at(5)],
        ['void by a reader', 'Void', 'PERMISSION_DENIED', 'payment:write', at(1), { as: 'reader' }],
        [
          'refund in a lower-case currency',
          'Refund',
          'INVALID_ARGUMENT',
          'amount/currency',
          at(1, { amount: money(100, 'eur') }),
        ],
        [
          'refund of what was not captured',
          'Refund',
          'FAILED_PRECONDITION',
          'PAYMENT.INVALID_STATE',
          at(1, { amount: money(100) }),
        ],
        [
          'refund of an unknown payment',
          'Refund',
          'NOT_FOUND',
          'PAYMENT.NOT_FOUND',
          { id: randomUUID(), expectedVersion: 1, amount: money(100) },
        ],
      ];
    },
    unchanged: async ({ service, orderId, id }) => {
      // The provider was asked once, for the fixture's payment: no refused request reached it.
      expect(service.provider.ledger(orderId).requests).toBe(1);
      expect((await service.http().get(`/payments/${id}`).expect(200)).body).toMatchObject({
        version: 1,
        status: 'AUTHORIZED',
      });
      const page = await service.http().get(`/payments?orderId=${orderId}`).expect(200);
      expect(page.body.items).toHaveLength(1);
    },
  });

  it('is still serving afterwards', async () => {
    const { service, id } = table.world;
    expect((await service.http().get(`/payments/${id}`).expect(200)).body).toMatchObject({ id, version: 1 });
  });
});
