import { Type } from '@sinclair/typebox';
import { defineEvent, MoneySchema, PayloadOf } from '@bascule/shared/contracts';

/** The orders context's published language on Kafka, version 1. A breaking change adds a V2 beside it. */
export const ORDERS_EVENTS_TOPIC = 'orders.events.v1';
const base = { version: 1, topic: ORDERS_EVENTS_TOPIC, aggregateType: 'order' } as const;
const closed = { additionalProperties: false } as const;
// MoneySchema's rules without its $id: Ajv refuses one $id twice in a schema (two money fields).
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });
const orderId = Type.String({ format: 'uuid' });
/** A French VAT rate in basis points. Optional where it was added to v1 (ADR 0054): absent on a legacy order's line. */
const vatRate = Type.Union([Type.Literal(2000), Type.Literal(1000), Type.Literal(550), Type.Literal(210)]);
/** What the client pays, VAT included (ADR 0068); added to v1, so optional: absent on an order placed before. */
const totalInclVat = Type.Optional(moneyRules);
/** The order's fields as events carry them (null: an optional one not given). */
const orderFields = {
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
};

const orderLine = Type.Object(
  {
    orderLineId: Type.String({ format: 'uuid' }),
    sku: Type.String(),
    quantity: Type.Integer(),
    unitPrice: moneyRules,
    lineTotal: moneyRules,
    vatRate: Type.Optional(vatRate),
  },
  closed,
);

export const OrderPlacedV1 = defineEvent({
  ...base,
  type: 'orders.order-placed',
  summary:
    'An order was placed, PENDING, priced from the catalogue; it carries the payment token the saga authorizes (never card data).',
  schema: Type.Object(
    {
      orderId,
      ...orderFields,
      totalInclVat,
      lines: Type.Array(orderLine),
      payment: Type.Object({ type: Type.Literal('card'), token: Type.String() }, closed),
    },
    closed,
  ),
});
export const OrderConfirmedV1 = defineEvent({
  ...base,
  type: 'orders.order-confirmed',
  summary: 'Order confirmed.',
  schema: Type.Object(
    {
      orderId,
      status: Type.Union([
        Type.Literal('PENDING'),
        Type.Literal('CONFIRMED'),
        Type.Literal('REJECTED'),
        Type.Literal('SHIPPED'),
        Type.Literal('CANCELLED'),
      ]),
    },
    closed,
  ),
});
export const OrderRejectedV1 = defineEvent({
  ...base,
  type: 'orders.order-rejected',
  summary: 'Order rejected.',
  schema: Type.Object(
    {
      orderId,
      status: Type.Union([
        Type.Literal('PENDING'),
        Type.Literal('CONFIRMED'),
        Type.Literal('REJECTED'),
        Type.Literal('SHIPPED'),
        Type.Literal('CANCELLED'),
      ]),
      reason: Type.String(),
    },
    closed,
  ),
});
export const OrderShippedV1 = defineEvent({
  ...base,
  type: 'orders.order-shipped',
  summary: 'Order shipped.',
  schema: Type.Object(
    {
      orderId,
      status: Type.Union([
        Type.Literal('PENDING'),
        Type.Literal('CONFIRMED'),
        Type.Literal('REJECTED'),
        Type.Literal('SHIPPED'),
        Type.Literal('CANCELLED'),
      ]),
    },
    closed,
  ),
});
export const OrderCanceledV1 = defineEvent({
  ...base,
  type: 'orders.order-canceled',
  summary: 'Order canceled.',
  schema: Type.Object(
    {
      orderId,
      status: Type.Union([
        Type.Literal('PENDING'),
        Type.Literal('CONFIRMED'),
        Type.Literal('REJECTED'),
        Type.Literal('SHIPPED'),
        Type.Literal('CANCELLED'),
      ]),
      reason: Type.String(),
    },
    closed,
  ),
});
export const OrderCancellationRequestedV1 = defineEvent({
  ...base,
  type: 'orders.order-cancellation-requested',
  summary:
    'The client asked to cancel a CONFIRMED order (now CANCELLING): the cancellation saga refunds what was paid (totalInclVat), then cancels it (ADR 0059).',
  schema: Type.Object({ orderId, reason: Type.String(), total: moneyRules, totalInclVat }, closed),
});
export const OrderSyncedFromLegacyV1 = defineEvent({
  ...base,
  type: 'orders.order-synced-from-legacy',
  summary: 'Order synced from legacy.',
  schema: Type.Object(
    {
      orderId,
      clientId: Type.String({ format: 'uuid' }),
      total: moneyRules,
      status: Type.Union([
        Type.Literal('PENDING'),
        Type.Literal('CONFIRMED'),
        Type.Literal('REJECTED'),
        Type.Literal('SHIPPED'),
        Type.Literal('CANCELLED'),
      ]),
    },
    closed,
  ),
});
export const OrderLineAddedV1 = defineEvent({
  ...base,
  type: 'orders.order-line-added',
  summary: 'A line the legacy system added to an order (a placed order’s lines never change).',
  schema: Type.Object({ orderId, ...orderLine.properties }, closed),
});
export const OrderLineRemovedV1 = defineEvent({
  ...base,
  type: 'orders.order-line-removed',
  summary: 'A line the legacy system removed from an order.',
  schema: Type.Object({ orderId, orderLineId: Type.String({ format: 'uuid' }) }, closed),
});
export const ordersEventContracts = [
  OrderPlacedV1,
  OrderConfirmedV1,
  OrderRejectedV1,
  OrderShippedV1,
  OrderCanceledV1,
  OrderCancellationRequestedV1,
  OrderSyncedFromLegacyV1,
  OrderLineAddedV1,
  OrderLineRemovedV1,
] as const;

export type OrderPlacedV1 = PayloadOf<typeof OrderPlacedV1>;
export type OrderConfirmedV1 = PayloadOf<typeof OrderConfirmedV1>;
export type OrderRejectedV1 = PayloadOf<typeof OrderRejectedV1>;
export type OrderShippedV1 = PayloadOf<typeof OrderShippedV1>;
export type OrderCanceledV1 = PayloadOf<typeof OrderCanceledV1>;
export type OrderCancellationRequestedV1 = PayloadOf<typeof OrderCancellationRequestedV1>;
export type OrderSyncedFromLegacyV1 = PayloadOf<typeof OrderSyncedFromLegacyV1>;
export type OrderLineAddedV1 = PayloadOf<typeof OrderLineAddedV1>;
export type OrderLineRemovedV1 = PayloadOf<typeof OrderLineRemovedV1>;
