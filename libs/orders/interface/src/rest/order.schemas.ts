import { Static, Type } from '@sinclair/typebox';
import { MoneySchema } from '@bascule/shared/contracts';

const closed = { additionalProperties: false } as const;
// MoneySchema's rules without its $id: Ajv refuses one $id twice in a schema (two money fields).
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });
/** The fields' rules, shared by the REST bodies and the gRPC requests. */
export const id = Type.String({ format: 'uuid' });
export const orderFields = {
  clientId: Type.String({ format: 'uuid' }),
  total: moneyRules,
  status: Type.Union([
    Type.Literal('PENDING'),
    Type.Literal('CONFIRMED'),
    Type.Literal('REJECTED'),
    Type.Literal('SHIPPED'),
    Type.Literal('CANCELLED'),
  ]),
  reason: Type.Optional(Type.String({ maxLength: 10_000 })),
};

export const CreateOrderBody = Type.Object(orderFields, closed);
export const ListOrdersQuerySchema = Type.Object(
  {
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
});
export const OrderSchema = Type.Object(
  {
    id,
    version: Type.Integer(),
    clientId: Type.String({ format: 'uuid' }),
    total: moneyRules,
    status: Type.Union([
      Type.Literal('PENDING'),
      Type.Literal('CONFIRMED'),
      Type.Literal('REJECTED'),
      Type.Literal('SHIPPED'),
      Type.Literal('CANCELLED'),
    ]),
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

export type CreateOrderBody = Static<typeof CreateOrderBody>;
export type ListOrdersQuery = Static<typeof ListOrdersQuerySchema>;

export const AddOrderLineBody = Type.Object(
  {
    orderLineId: Type.String({ format: 'uuid' }),
    sku: Type.String({ minLength: 1, maxLength: 200 }),
    quantity: Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647 }),
    unitPrice: moneyRules,
    lineTotal: moneyRules,
  },
  closed,
);

export type AddOrderLineBody = Static<typeof AddOrderLineBody>;

export const RemoveOrderLineBody = Type.Object({ orderLineId: Type.String({ format: 'uuid' }) }, closed);

export type RemoveOrderLineBody = Static<typeof RemoveOrderLineBody>;

export const RejectOrderBody = Type.Object({ reason: Type.String({ maxLength: 10_000 }) }, closed);

export type RejectOrderBody = Static<typeof RejectOrderBody>;

export const CancelOrderBody = Type.Object({ reason: Type.String({ maxLength: 10_000 }) }, closed);

export type CancelOrderBody = Static<typeof CancelOrderBody>;
