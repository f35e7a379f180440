import { Type } from '@sinclair/typebox';
import { defineEvent } from '@bascule/shared/contracts';

/**
 * The saga commands the orders context takes on orders.commands.v1 and its replies on saga.replies.v1, keyed by saga
 * id (ADR 0055, 0056). Given to the service's OutboxWriter with its events, never published as its events.
 */
const command = { version: 1, topic: 'orders.commands.v1', aggregateType: 'saga' } as const;
const reply = { version: 1, topic: 'saga.replies.v1', aggregateType: 'saga' } as const;
const closed = { additionalProperties: false } as const;
export const ConfirmOrderV1 = defineEvent({
  ...command,
  type: 'orders.confirm-order',
  summary: 'A saga asks the orders context to confirm order.',
  schema: Type.Object({ orderId: Type.String({ format: 'uuid' }) }, closed),
});
export const ConfirmOrderSucceededV1 = defineEvent({
  ...reply,
  type: 'orders.confirm-order-succeeded',
  summary: 'Done: the aggregate the use case changed, at its version.',
  schema: Type.Object({ id: Type.String(), version: Type.Integer() }, closed),
});
export const ConfirmOrderRefusedV1 = defineEvent({
  ...reply,
  type: 'orders.confirm-order-refused',
  summary: 'Refused: the domain error code and its message.',
  schema: Type.Object({ reason: Type.String(), detail: Type.String() }, closed),
});
export const RejectOrderV1 = defineEvent({
  ...command,
  type: 'orders.reject-order',
  summary: 'A saga asks the orders context to reject order.',
  schema: Type.Object({ orderId: Type.String({ format: 'uuid' }), reason: Type.String() }, closed),
});
export const RejectOrderSucceededV1 = defineEvent({
  ...reply,
  type: 'orders.reject-order-succeeded',
  summary: 'Done: the aggregate the use case changed, at its version.',
  schema: Type.Object({ id: Type.String(), version: Type.Integer() }, closed),
});
export const RejectOrderRefusedV1 = defineEvent({
  ...reply,
  type: 'orders.reject-order-refused',
  summary: 'Refused: the domain error code and its message.',
  schema: Type.Object({ reason: Type.String(), detail: Type.String() }, closed),
});
export const CancelOrderV1 = defineEvent({
  ...command,
  type: 'orders.cancel-order',
  summary: 'A saga asks the orders context to cancel order.',
  schema: Type.Object({ orderId: Type.String({ format: 'uuid' }), reason: Type.String() }, closed),
});
export const CancelOrderSucceededV1 = defineEvent({
  ...reply,
  type: 'orders.cancel-order-succeeded',
  summary: 'Done: the aggregate the use case changed, at its version.',
  schema: Type.Object({ id: Type.String(), version: Type.Integer() }, closed),
});
export const CancelOrderRefusedV1 = defineEvent({
  ...reply,
  type: 'orders.cancel-order-refused',
  summary: 'Refused: the domain error code and its message.',
  schema: Type.Object({ reason: Type.String(), detail: Type.String() }, closed),
});

export const ordersSagaContracts = [
  ConfirmOrderV1,
  ConfirmOrderSucceededV1,
  ConfirmOrderRefusedV1,
  RejectOrderV1,
  RejectOrderSucceededV1,
  RejectOrderRefusedV1,
  CancelOrderV1,
  CancelOrderSucceededV1,
  CancelOrderRefusedV1,
] as const;
