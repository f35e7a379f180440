import { Static, Type } from '@sinclair/typebox';
import { MoneySchema } from '@bascule/shared/contracts';

const closed = { additionalProperties: false } as const;
// MoneySchema's rules without its $id: Ajv refuses one $id twice in a schema (two money fields).
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });
/** The fields' rules, shared by the REST bodies and the gRPC requests. */
export const id = Type.String({ format: 'uuid' });
const status = Type.Union([
  Type.Literal('PENDING'),
  Type.Literal('CONFIRMED'),
  Type.Literal('REJECTED'),
  Type.Literal('SHIPPED'),
  Type.Literal('CANCELLING'),
  Type.Literal('CANCELLED'),
]);
/** A sku as inventory names it; a quantity of whole units (the domain's rule, checked at the edge too). */
export const placedLine = Type.Object(
  {
    sku: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
    quantity: Type.Integer({ minimum: 1, maximum: 10_000 }),
  },
  closed,
);
/** A card token from the payment provider's page: never a card number. */
export const payment = Type.Object(
  { type: Type.Literal('card'), token: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' }) },
  closed,
);
/** The fields' rules, shared by the REST bodies and the gRPC requests. */
export const placeOrderFields = {
  clientId: Type.String({ format: 'uuid' }),
  lines: Type.Array(placedLine, { minItems: 1, maxItems: 100 }),
  payment,
};

export const PlaceOrderBody = Type.Object(placeOrderFields, closed);
export const ListOrdersQuerySchema = Type.Object(
  {
    clientId: Type.Optional(Type.String({ format: 'uuid', description: "Only this client's orders" })),
    status: Type.Optional(status),
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  closed,
);
/** One order line in a order's answer. */
export const OrderLineSchema = Type.Object({
  id,
  sku: Type.String(),
  quantity: Type.Integer(),
  unitPrice: moneyRules,
  lineTotal: moneyRules,
  vatRate: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The VAT rate it was charged at, in basis points (2000 = 20 %); null on a legacy order’s line',
  }),
});
export const OrderSchema = Type.Object(
  {
    id,
    version: Type.Integer(),
    clientId: Type.String({ format: 'uuid' }),
    total: moneyRules,
    totalInclVat: Type.Union([moneyRules, Type.Null()], {
      description: 'What the client pays, VAT included; null on an order the legacy system holds',
    }),
    status,
    reason: Type.Union([Type.String(), Type.Null()]),
    orderLines: Type.Array(OrderLineSchema),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Order' },
);
export const OrderPageSchema = Type.Object(
  { items: Type.Array(OrderSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'OrderPage' },
);

export type PlaceOrderBody = Static<typeof PlaceOrderBody>;
export type ListOrdersQuery = Static<typeof ListOrdersQuerySchema>;

const reason = Type.String({ minLength: 1, maxLength: 500 });
export const RejectOrderBody = Type.Object({ reason }, closed);

export type RejectOrderBody = Static<typeof RejectOrderBody>;

export const CancelOrderBody = Type.Object({ reason }, closed);

export type CancelOrderBody = Static<typeof CancelOrderBody>;
