import { Static, Type } from '@sinclair/typebox';
import { id, orderFields } from '../rest/order.schemas';
import { MoneySchema } from '@bascule/shared/contracts';
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });

/**
 * The gRPC requests as proto-loader hands them over (camelCase, proto3 defaults: '' and 0 for unset
 * scalars, an unset `optional` field absent), checked with the same field rules as the REST bodies.
 */
export const CreateOrderRequest = Type.Object(orderFields);
export const GetOrderRequest = Type.Object({ id });
export const ListOrdersRequest = Type.Object({
  cursor: Type.Optional(id),
  limit: Type.Integer({ minimum: 0, maximum: 100, description: '0 (unset) means 20' }),
});

export type CreateOrderRequest = Static<typeof CreateOrderRequest>;
export type GetOrderRequest = Static<typeof GetOrderRequest>;
export type ListOrdersRequest = Static<typeof ListOrdersRequest>;

/** A change of one order: which, at which version (0, unset, is refused). */
export const AddOrderLineRequest = Type.Object({
  id,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  orderLineId: Type.String({ format: 'uuid' }),
  sku: Type.String({ minLength: 1, maxLength: 200 }),
  quantity: Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647 }),
  unitPrice: moneyRules,
  lineTotal: moneyRules,
});

export type AddOrderLineRequest = Static<typeof AddOrderLineRequest>;

/** A change of one order: which, at which version (0, unset, is refused). */
export const RemoveOrderLineRequest = Type.Object({
  id,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  orderLineId: Type.String({ format: 'uuid' }),
});

export type RemoveOrderLineRequest = Static<typeof RemoveOrderLineRequest>;

/** A change of one order: which, at which version (0, unset, is refused). */
export const OrderVersionRequest = Type.Object({
  id,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});

export type OrderVersionRequest = Static<typeof OrderVersionRequest>;

/** A change of one order: which, at which version (0, unset, is refused). */
export const RejectOrderRequest = Type.Object({
  id,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  reason: Type.String({ maxLength: 10_000 }),
});

export type RejectOrderRequest = Static<typeof RejectOrderRequest>;

/** A change of one order: which, at which version (0, unset, is refused). */
export const CancelOrderRequest = Type.Object({
  id,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  reason: Type.String({ maxLength: 10_000 }),
});

export type CancelOrderRequest = Static<typeof CancelOrderRequest>;
