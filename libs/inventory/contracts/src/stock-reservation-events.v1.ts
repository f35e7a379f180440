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

export const StockReservationCreatedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-reservation-created',
  summary: 'A stock reservation was created.',
  schema: Type.Object({ stockReservationId, ...stockReservationFields }, closed),
});
export const StockReservationLineAddedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-reservation-line-added',
  summary: 'Stock reservation line added.',
  schema: Type.Object(
    {
      stockReservationId,
      stockReservationLineId: Type.String({ format: 'uuid' }),
      sku: Type.String(),
      quantity: Type.Integer(),
    },
    closed,
  ),
});
export const StockReservationLineRemovedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-reservation-line-removed',
  summary: 'Stock reservation line removed.',
  schema: Type.Object({ stockReservationId, stockReservationLineId: Type.String({ format: 'uuid' }) }, closed),
});
export const StockReservationReleasedV1 = defineEvent({
  ...base,
  type: 'inventory.stock-reservation-released',
  summary: 'Stock reservation released.',
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
  summary: 'Stock reservation committed.',
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
  summary: 'Stock reservation rejected.',
  schema: Type.Object({ stockReservationId, reason: Type.String() }, closed),
});
export const stockReservationEventContracts = [
  StockReservationCreatedV1,
  StockReservationLineAddedV1,
  StockReservationLineRemovedV1,
  StockReservationReleasedV1,
  StockReservationCommittedV1,
  StockReservationRejectedV1,
] as const;

export type StockReservationCreatedV1 = PayloadOf<typeof StockReservationCreatedV1>;
export type StockReservationLineAddedV1 = PayloadOf<typeof StockReservationLineAddedV1>;
export type StockReservationLineRemovedV1 = PayloadOf<typeof StockReservationLineRemovedV1>;
export type StockReservationReleasedV1 = PayloadOf<typeof StockReservationReleasedV1>;
export type StockReservationCommittedV1 = PayloadOf<typeof StockReservationCommittedV1>;
export type StockReservationRejectedV1 = PayloadOf<typeof StockReservationRejectedV1>;
