import { randomUUID } from 'node:crypto';
import { BILLING_PROTO_PATH } from '@bascule/billing/contracts';
import { grpcBadInputTable, protobufBytes, wireField } from '@bascule/shared/testing';
import { BillingBadInputWorld as World, billingBadInputWorld } from './billing-service.harness';

describe('billing-service gRPC refuses bad input with the exact status naming the field, never INTERNAL', () => {
  jest.setTimeout(180_000);

  const table = grpcBadInputTable<World>({
    protoPath: BILLING_PROTO_PATH,
    ...billingBadInputWorld,
    cases: ({ pending, invoiced, id }) => {
      const eur = (amount: number) => ({ amount, currency: 'EUR' });
      const credit = (more: Record<string, unknown> = {}) => ({
        id,
        expectedVersion: 1,
        amount: eur(100),
        reason: 'refund',
        ...more,
      });
      return [
        ['missing orderId', 'CreateInvoice', 'INVALID_ARGUMENT', 'orderId', {}],
        ['orderId not a uuid', 'CreateInvoice', 'INVALID_ARGUMENT', 'orderId', { orderId: 'order-42' }],
        ['SQL in the orderId', 'CreateInvoice', 'INVALID_ARGUMENT', 'orderId', { orderId: "1' OR '1'='1" }],
        ['orderId with a NUL', 'CreateInvoice', 'INVALID_ARGUMENT', 'orderId', { orderId: `${randomUUID()}\u0000` }],
        [
          'orderId sent as a number (wrong wire type)',
          'CreateInvoice',
          'INVALID_ARGUMENT',
          'orderId',
          protobufBytes(wireField(1, 42)),
        ],
        [
          'bytes that are not protobuf',
          'CreateInvoice',
          'INVALID_ARGUMENT',
          'request',
          protobufBytes(Buffer.from([0x0f, 0xff])),
        ],
        [
          'an order billing does not know',
          'CreateInvoice',
          'FAILED_PRECONDITION',
          'orderId',
          { orderId: randomUUID() },
        ],
        [
          'an order not confirmed',
          'CreateInvoice',
          'FAILED_PRECONDITION',
          'INVOICE.ORDER_NOT_CONFIRMED',
          { orderId: pending },
        ],
        [
          'an order invoiced already',
          'CreateInvoice',
          'FAILED_PRECONDITION',
          'INVOICE.ORDER_ALREADY_INVOICED',
          { orderId: invoiced },
        ],
        [
          'invoiced by a reader',
          'CreateInvoice',
          'PERMISSION_DENIED',
          'billing:write',
          { orderId: randomUUID() },
          { as: 'reader' },
        ],
        [
          'invoiced without a token',
          'CreateInvoice',
          'UNAUTHENTICATED',
          'AUTH.UNAUTHENTICATED',
          { orderId: randomUUID() },
          { as: 'anonymous' },
        ],
        [
          'a message over 256 KiB',
          'CreateInvoice',
          'RESOURCE_EXHAUSTED',
          '',
          protobufBytes(wireField(1, 'o'.repeat(300 * 1024))),
        ],
        ['an id that is not a uuid', 'GetInvoice', 'INVALID_ARGUMENT', 'id', { id: 'not-an-id' }],
        ['an empty id', 'GetInvoice', 'INVALID_ARGUMENT', 'id', { id: '' }],
        ['an unknown invoice', 'GetInvoice', 'NOT_FOUND', 'INVOICE.NOT_FOUND', { id: randomUUID() }],
        [
          'read by a user without billing roles',
          'GetInvoice',
          'PERMISSION_DENIED',
          'billing:read',
          { id },
          { as: 'eraser' },
        ],
        [
          'a correlation id with spaces and quotes',
          'GetInvoice',
          'INVALID_ARGUMENT',
          'x-correlation-id',
          { id },
          { metadata: { 'x-correlation-id': 'a" , "injected": "b' } },
        ],
        ['list by an orderId that is not a uuid', 'ListInvoices', 'INVALID_ARGUMENT', 'orderId', { orderId: '42' }],
        ['list with a negative limit', 'ListInvoices', 'INVALID_ARGUMENT', 'limit', { limit: -1 }],
        ['list with limit 101', 'ListInvoices', 'INVALID_ARGUMENT', 'limit', { limit: 101 }],
        ['list with a cursor that is not a uuid', 'ListInvoices', 'INVALID_ARGUMENT', 'cursor', { cursor: 'abc' }],
        [
          'credit without expected_version (0)',
          'IssueCreditNote',
          'INVALID_ARGUMENT',
          'expectedVersion',
          credit({ expectedVersion: 0 }),
        ],
        ['credit an id that is not a uuid', 'IssueCreditNote', 'INVALID_ARGUMENT', 'id', credit({ id: 'x' })],
        ['credit without an amount', 'IssueCreditNote', 'INVALID_ARGUMENT', 'amount', credit({ amount: undefined })],
        [
          'credit in a currency that is not a code',
          'IssueCreditNote',
          'INVALID_ARGUMENT',
          'amount/currency',
          credit({ amount: { amount: 100, currency: 'euro' } }),
        ],
        ['credit without a reason', 'IssueCreditNote', 'INVALID_ARGUMENT', 'reason', credit({ reason: undefined })],
        [
          'credit with a reason of 501 characters',
          'IssueCreditNote',
          'INVALID_ARGUMENT',
          'reason',
          credit({ reason: 'x'.repeat(501) }),
        ],
        ['credit zero', 'IssueCreditNote', 'FAILED_PRECONDITION', 'amount', credit({ amount: eur(0) })],
        ['credit a negative amount', 'IssueCreditNote', 'FAILED_PRECONDITION', 'amount', credit({ amount: eur(-100) })],
        [
          'credit in another currency than the invoice',
          'IssueCreditNote',
          'FAILED_PRECONDITION',
          'amount',
          credit({ amount: { amount: 100, currency: 'USD' } }),
        ],
        [
          'credit more than the invoice',
          'IssueCreditNote',
          'FAILED_PRECONDITION',
          'amount',
          credit({ amount: eur(1_000_000) }),
        ],
        [
          'credit at a stale version',
          'IssueCreditNote',
          'ABORTED',
          'CONCURRENCY.VERSION_MISMATCH',
          credit({ expectedVersion: 4 }),
        ],
        [
          'credit an invoice that does not exist',
          'IssueCreditNote',
          'NOT_FOUND',
          'INVOICE.NOT_FOUND',
          credit({ id: randomUUID() }),
        ],
        ['credit by a reader', 'IssueCreditNote', 'PERMISSION_DENIED', 'billing:write', credit(), { as: 'reader' }],
      ];
    },
  });

  it('is still serving afterwards', async () => {
    const { billing, id } = table.world;
    expect((await billing.http().get(`/invoices/${id}`).expect(200)).body).toMatchObject({ id, version: 1 });
  });
});
