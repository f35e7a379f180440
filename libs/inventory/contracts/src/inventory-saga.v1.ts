import { Type } from '@sinclair/typebox';
import { defineEvent } from '@bascule/shared/contracts';

/**
 * The saga commands the inventory context takes on inventory.commands.v1 and its replies on saga.replies.v1, keyed by saga
 * id (ADR 0055, 0056). Given to the service's OutboxWriter with its events, never published as its events.
 */
const command = { version: 1, topic: 'inventory.commands.v1', aggregateType: 'saga' } as const;
const reply = { version: 1, topic: 'saga.replies.v1', aggregateType: 'saga' } as const;
const closed = { additionalProperties: false } as const;
const line = Type.Object({ sku: Type.String({ minLength: 1 }), quantity: Type.Integer({ minimum: 1 }) }, closed);
const shortLine = Type.Object({ sku: Type.String(), requested: Type.Integer(), available: Type.Integer() }, closed);
export const ReserveStockV1 = defineEvent({
  ...command,
  type: 'inventory.reserve-stock',
  summary: "A saga asks the inventory context to reserve an order's lines: all of them or none, once per order.",
  schema: Type.Object({ orderId: Type.String({ format: 'uuid' }), lines: Type.Array(line, { minItems: 1 }) }, closed),
});
export const ReserveStockSucceededV1 = defineEvent({
  ...reply,
  type: 'inventory.reserve-stock-succeeded',
  summary: 'Done: the aggregate the use case changed, at its version.',
  schema: Type.Object({ id: Type.String(), version: Type.Integer() }, closed),
});
export const ReserveStockRefusedV1 = defineEvent({
  ...reply,
  type: 'inventory.reserve-stock-refused',
  summary: 'Refused: the domain error code and its message; INSUFFICIENT_STOCK with the lines short.',
  schema: Type.Object(
    { reason: Type.String(), detail: Type.String(), shortLines: Type.Optional(Type.Array(shortLine)) },
    closed,
  ),
});
export const ReleaseStockV1 = defineEvent({
  ...command,
  type: 'inventory.release-stock',
  summary: 'A saga asks the inventory context to release stock.',
  schema: Type.Object({ orderId: Type.String({ format: 'uuid' }) }, closed),
});
export const ReleaseStockSucceededV1 = defineEvent({
  ...reply,
  type: 'inventory.release-stock-succeeded',
  summary: 'Done: the aggregate the use case changed, at its version.',
  schema: Type.Object({ id: Type.String(), version: Type.Integer() }, closed),
});
export const ReleaseStockRefusedV1 = defineEvent({
  ...reply,
  type: 'inventory.release-stock-refused',
  summary: 'Refused: the domain error code and its message.',
  schema: Type.Object({ reason: Type.String(), detail: Type.String() }, closed),
});

export const inventorySagaContracts = [
  ReserveStockV1,
  ReserveStockSucceededV1,
  ReserveStockRefusedV1,
  ReleaseStockV1,
  ReleaseStockSucceededV1,
  ReleaseStockRefusedV1,
] as const;
