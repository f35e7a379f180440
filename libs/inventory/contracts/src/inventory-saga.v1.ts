import { Type } from '@sinclair/typebox';
import { defineEvent } from '@bascule/shared/contracts';

/**
 * The saga commands the inventory context takes on inventory.commands.v1 and its replies on saga.replies.v1, keyed by saga
 * id (ADR 0055, 0056). Given to the service's OutboxWriter with its events, never published as its events.
 */
const command = { version: 1, topic: 'inventory.commands.v1', aggregateType: 'saga' } as const;
const reply = { version: 1, topic: 'saga.replies.v1', aggregateType: 'saga' } as const;
const closed = { additionalProperties: false } as const;
export const ReserveStockV1 = defineEvent({
  ...command,
  type: 'inventory.reserve-stock',
  summary: 'A saga asks the inventory context to reserve stock.',
  schema: Type.Object({ orderId: Type.String({ format: 'uuid' }) }, closed),
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
  summary: 'Refused: the domain error code and its message.',
  schema: Type.Object({ reason: Type.String(), detail: Type.String() }, closed),
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
