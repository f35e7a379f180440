import { Static, Type } from '@sinclair/typebox';
import { MoneySchema } from '@bascule/shared/contracts';

const closed = { additionalProperties: false } as const;
// MoneySchema's rules without its $id: Ajv refuses one $id twice in a schema (two money fields).
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });
/** The fields' rules, shared by the REST bodies and the gRPC requests. */
export const id = Type.String({ format: 'uuid' });
/** A card, by the token the payment page got from the provider: the token is passed on, never kept. */
export const PaymentMethodSchema = Type.Object(
  {
    type: Type.Literal('card'),
    token: Type.String({ minLength: 4, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' }),
  },
  closed,
);
/** The fields' rules, shared by the REST body and the gRPC request. */
export const paymentFields = {
  orderId: Type.String({ format: 'uuid' }),
  amount: moneyRules,
  method: PaymentMethodSchema,
};

export const CreatePaymentBody = Type.Object(paymentFields, closed);
export const ListPaymentsQuerySchema = Type.Object(
  {
    orderId: Type.Optional(Type.String({ format: 'uuid', description: 'Only the payments of this order' })),
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  closed,
);

export const PaymentSchema = Type.Object(
  {
    id,
    version: Type.Integer(),
    orderId: Type.String({ format: 'uuid' }),
    authorizedAmount: moneyRules,
    status: Type.Union([
      Type.Literal('AUTHORIZED'),
      Type.Literal('DECLINED'),
      Type.Literal('CAPTURED'),
      Type.Literal('VOIDED'),
      Type.Literal('REFUNDED'),
      Type.Literal('PARTIALLY_REFUNDED'),
    ]),
    declineReason: Type.Union([Type.String(), Type.Null()]),
    method: Type.Union([Type.Literal('CARD'), Type.Literal('TRANSFER'), Type.Literal('DIRECT_DEBIT'), Type.Null()]),
    cardLast4: Type.Union([Type.String(), Type.Null()]),
    cardType: Type.Union([Type.String(), Type.Null()]),
    maskedIban: Type.Union([Type.String({ description: 'Country code and last four only' }), Type.Null()]),
    paidOn: Type.Union([Type.String({ description: 'DD/MM/YYYY, as the legacy system recorded it' }), Type.Null()]),
    capturedAmount: Type.Union([moneyRules, Type.Null()]),
    refundedAmount: Type.Union([moneyRules, Type.Null()]),
    providerReference: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Payment' },
);
export const PaymentPageSchema = Type.Object(
  { items: Type.Array(PaymentSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'PaymentPage' },
);

export type CreatePaymentBody = Static<typeof CreatePaymentBody>;
export type ListPaymentsQuery = Static<typeof ListPaymentsQuerySchema>;

export const CaptureBody = Type.Object({ amount: moneyRules }, closed);

export type CaptureBody = Static<typeof CaptureBody>;

export const RefundBody = Type.Object({ amount: moneyRules }, closed);

export type RefundBody = Static<typeof RefundBody>;
