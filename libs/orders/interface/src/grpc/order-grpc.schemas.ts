import { Static, Type } from '@sinclair/typebox';
import { id, placeOrderFields } from '../rest/order.schemas';

/**
 * The gRPC requests as proto-loader hands them over (camelCase, proto3 defaults: '' and 0 for unset
 * scalars, an unset `optional` field absent), checked with the same field rules as the REST bodies.
 */
export const PlaceOrderRequest = Type.Object(placeOrderFields);
export const GetOrderRequest = Type.Object({ id });
export const ListOrdersRequest = Type.Object({
  clientId: Type.Optional(id),
  status: Type.Optional(
    Type.Union([
      Type.Literal('PENDING'),
      Type.Literal('CONFIRMED'),
      Type.Literal('REJECTED'),
      Type.Literal('SHIPPED'),
      Type.Literal('CANCELLING'),
      Type.Literal('CANCELLED'),
    ]),
  ),
  cursor: Type.Optional(id),
  limit: Type.Integer({ minimum: 0, maximum: 100, description: '0 (unset) means 20' }),
});

export type PlaceOrderRequest = Static<typeof PlaceOrderRequest>;
export type GetOrderRequest = Static<typeof GetOrderRequest>;
export type ListOrdersRequest = Static<typeof ListOrdersRequest>;

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
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});

export type RejectOrderRequest = Static<typeof RejectOrderRequest>;

/** A change of one order: which, at which version (0, unset, is refused). */
export const CancelOrderRequest = Type.Object({
  id,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});

export type CancelOrderRequest = Static<typeof CancelOrderRequest>;
