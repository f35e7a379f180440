import { Type } from '@sinclair/typebox';
import { defineEvent, MoneySchema, PayloadOf } from '@bascule/shared/contracts';
import { stockReservationEventContracts } from './stock-reservation-events.v1';

/** The inventory context's published language on Kafka, version 1. A breaking change adds a V2 beside it. */
export const INVENTORY_EVENTS_TOPIC = 'inventory.events.v1';
const base = { version: 1, topic: INVENTORY_EVENTS_TOPIC, aggregateType: 'stock-item' } as const;
const closed = { additionalProperties: false } as const;
// MoneySchema's rules without its $id: Ajv refuses one $id twice in a schema (two money fields).
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });
const stockItemId = Type.String({ format: 'uuid' });
/** A French VAT rate in basis points: 2000 (20 %), 1000, 550, 210. */
const vatRate = Type.Union([Type.Literal(2000), Type.Literal(1000), Type.Literal(550), Type.Literal(210)]);
/** The stock item's fields as events carry them (null: an optional one not given). */
const stockItemFields = {
  sku: Type.String(),
  label: Type.String(),
  unitPrice: moneyRules,
  onHand: Type.Integer(),
  reserved: Type.Integer(),
  /** Added to v1 (ADR 0054): optional, so an event published before it still holds; absent means 20 %. */
  vatRate: Type.Optional(vatRate),
};

export const StockItemCreatedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-item-created',
  summary: 'A stock item was created.',
  schema: Type.Object({ stockItemId, ...stockItemFields }, closed),
});
export const StockItemPriceChangedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-item-price-changed',
  summary: "A stock item's unit price changed; it carries the sku and label a catalogue keeps.",
  schema: Type.Object({ stockItemId, sku: Type.String(), label: Type.String(), unitPrice: moneyRules }, closed),
});
export const StockItemRestockedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-item-restocked',
  summary: 'Stock item restocked.',
  schema: Type.Object({ stockItemId, quantity: Type.Integer() }, closed),
});
export const StockItemAdjustedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-item-adjusted',
  summary: 'Stock item adjusted.',
  schema: Type.Object({ stockItemId, delta: Type.Integer(), reason: Type.String() }, closed),
});
export const StockItemReservedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-item-reserved',
  summary: 'Stock item reserved.',
  schema: Type.Object({ stockItemId, orderId: Type.String({ format: 'uuid' }), quantity: Type.Integer() }, closed),
});
export const StockItemReleasedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-item-released',
  summary: 'Stock item released.',
  schema: Type.Object({ stockItemId, orderId: Type.String({ format: 'uuid' }), quantity: Type.Integer() }, closed),
});
export const StockItemShippedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-item-shipped',
  summary: 'Stock item shipped.',
  schema: Type.Object({ stockItemId, orderId: Type.String({ format: 'uuid' }), quantity: Type.Integer() }, closed),
});
export const StockItemSyncedFromLegacyV1 = defineEvent({
  ...base,
  type: 'inventory.stock-item-synced-from-legacy',
  summary: 'Stock item synced from legacy.',
  schema: Type.Object(
    {
      stockItemId,
      sku: Type.String(),
      label: Type.String(),
      unitPrice: moneyRules,
      onHand: Type.Integer(),
      reserved: Type.Integer(),
    },
    closed,
  ),
});
export const StockItemVatRateChangedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-item-vat-rate-changed',
  summary: "A stock item's VAT rate changed; it carries the sku a catalogue keeps.",
  schema: Type.Object({ stockItemId, sku: Type.String(), vatRate }, closed),
});
export const inventoryEventContracts = [
  StockItemCreatedV1,
  StockItemPriceChangedV1,
  ...stockReservationEventContracts,
  StockItemRestockedV1,
  StockItemAdjustedV1,
  StockItemReservedV1,
  StockItemReleasedV1,
  StockItemShippedV1,
  StockItemSyncedFromLegacyV1,
  StockItemVatRateChangedV1,
] as const;

export type StockItemCreatedV1 = PayloadOf<typeof StockItemCreatedV1>;
export type StockItemPriceChangedV1 = PayloadOf<typeof StockItemPriceChangedV1>;
export type StockItemRestockedV1 = PayloadOf<typeof StockItemRestockedV1>;
export type StockItemAdjustedV1 = PayloadOf<typeof StockItemAdjustedV1>;
export type StockItemReservedV1 = PayloadOf<typeof StockItemReservedV1>;
export type StockItemReleasedV1 = PayloadOf<typeof StockItemReleasedV1>;
export type StockItemShippedV1 = PayloadOf<typeof StockItemShippedV1>;
export type StockItemSyncedFromLegacyV1 = PayloadOf<typeof StockItemSyncedFromLegacyV1>;
export type StockItemVatRateChangedV1 = PayloadOf<typeof StockItemVatRateChangedV1>;
