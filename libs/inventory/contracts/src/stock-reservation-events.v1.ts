import { Type } from '@sinclair/typebox';
import { defineEvent, PayloadOf } from '@bascule/shared/contracts';

/** The stock reservation's part of the inventory context's published language, version 1, on its topic. */
const base = { version: 1, topic: 'inventory.events.v1', aggregateType: 'stock-reservation' } as const;
const closed = { additionalProperties: false } as const;
const stockReservationId = Type.String({ format: 'uuid' });
/** The stock reservation's fields as events carry them (null: an optional one not given). */
const stockReservationFields = {
  status: Type.Union([
    Type.Literal('RESERVED'),
    Type.Literal('REJECTED'),
    Type.Literal('RELEASED'),
    Type.Literal('COMMITTED'),
  ]),
};

const line = Type.Object({ sku: Type.String(), quantity: Type.Integer() }, closed);
const shortLine = Type.Object(
  { sku: Type.String(), requested: Type.Integer(), available: Type.Integer() },
  { ...closed, description: 'A line the stock could not cover: available is 0 for an unknown sku' },
);

export const StockReservationCreatedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-reservation-created',
  summary: 'Every line of an order was reserved (the reservation id is the order id).',
  schema: Type.Object({ stockReservationId, ...stockReservationFields, lines: Type.Array(line) }, closed),
});
export const StockReservationReleasedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-reservation-released',
  summary: "An order's reserved units were given back.",
  schema: Type.Object(
    {
      stockReservationId,
      status: Type.Union([
        Type.Literal('RESERVED'),
        Type.Literal('REJECTED'),
        Type.Literal('RELEASED'),
        Type.Literal('COMMITTED'),
      ]),
    },
    closed,
  ),
});
export const StockReservationCommittedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-reservation-committed',
  summary: "An order's reserved units left the stock (shipped).",
  schema: Type.Object(
    {
      stockReservationId,
      status: Type.Union([
        Type.Literal('RESERVED'),
        Type.Literal('REJECTED'),
        Type.Literal('RELEASED'),
        Type.Literal('COMMITTED'),
      ]),
    },
    closed,
  ),
});
export const StockReservationRejectedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-reservation-rejected',
  summary: "An order's lines could not all be reserved: none was. The reason and the lines short.",
  schema: Type.Object(
    { stockReservationId, reason: Type.String(), lines: Type.Array(line), shortLines: Type.Array(shortLine) },
    closed,
  ),
});
export const stockReservationEventContracts = [
  StockReservationCreatedV1,
  StockReservationReleasedV1,
  StockReservationCommittedV1,
  StockReservationRejectedV1,
] as const;

export type StockReservationCreatedV1 = PayloadOf<typeof StockReservationCreatedV1>;
export type StockReservationReleasedV1 = PayloadOf<typeof StockReservationReleasedV1>;
export type StockReservationCommittedV1 = PayloadOf<typeof StockReservationCommittedV1>;
export type StockReservationRejectedV1 = PayloadOf<typeof StockReservationRejectedV1>;
