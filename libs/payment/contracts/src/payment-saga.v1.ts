import { Type } from '@sinclair/typebox';
import { defineEvent } from '@bascule/shared/contracts';

/**
 * The saga commands the payment context takes on payment.commands.v1 and its replies on saga.replies.v1, keyed by saga
 * id (ADR 0055, 0056). Given to the service's OutboxWriter with its events, never published as its events.
 */
const command = { version: 1, topic: 'payment.commands.v1', aggregateType: 'saga' } as const;
const reply = { version: 1, topic: 'saga.replies.v1', aggregateType: 'saga' } as const;
const closed = { additionalProperties: false } as const;
export const AuthorizePaymentV1 = defineEvent({
  ...command,
  type: 'payment.authorize-payment',
  summary: 'A saga asks the payment context to authorize payment.',
  schema: Type.Object(
    { orderId: Type.String({ format: 'uuid' }), amount: Type.Integer(), currency: Type.String(), token: Type.String() },
    closed,
  ),
});
export const AuthorizePaymentSucceededV1 = defineEvent({
  ...reply,
  type: 'payment.authorize-payment-succeeded',
  summary: 'Done: the aggregate the use case changed, at its version.',
  schema: Type.Object({ id: Type.String(), version: Type.Integer() }, closed),
});
export const AuthorizePaymentRefusedV1 = defineEvent({
  ...reply,
  type: 'payment.authorize-payment-refused',
  summary: 'Refused: the domain error code and its message.',
  schema: Type.Object({ reason: Type.String(), detail: Type.String() }, closed),
});
export const CapturePaymentV1 = defineEvent({
  ...command,
  type: 'payment.capture-payment',
  summary: 'A saga asks the payment context to capture payment.',
  schema: Type.Object({ orderId: Type.String({ format: 'uuid' }) }, closed),
});
export const CapturePaymentSucceededV1 = defineEvent({
  ...reply,
  type: 'payment.capture-payment-succeeded',
  summary: 'Done: the aggregate the use case changed, at its version.',
  schema: Type.Object({ id: Type.String(), version: Type.Integer() }, closed),
});
export const CapturePaymentRefusedV1 = defineEvent({
  ...reply,
  type: 'payment.capture-payment-refused',
  summary: 'Refused: the domain error code and its message.',
  schema: Type.Object({ reason: Type.String(), detail: Type.String() }, closed),
});
export const VoidPaymentV1 = defineEvent({
  ...command,
  type: 'payment.void-payment',
  summary: 'A saga asks the payment context to void payment.',
  schema: Type.Object({ orderId: Type.String({ format: 'uuid' }) }, closed),
});
export const VoidPaymentSucceededV1 = defineEvent({
  ...reply,
  type: 'payment.void-payment-succeeded',
  summary: 'Done: the aggregate the use case changed, at its version.',
  schema: Type.Object({ id: Type.String(), version: Type.Integer() }, closed),
});
export const VoidPaymentRefusedV1 = defineEvent({
  ...reply,
  type: 'payment.void-payment-refused',
  summary: 'Refused: the domain error code and its message.',
  schema: Type.Object({ reason: Type.String(), detail: Type.String() }, closed),
});
export const RefundPaymentV1 = defineEvent({
  ...command,
  type: 'payment.refund-payment',
  summary: 'A saga asks the payment context to refund payment.',
  schema: Type.Object({ orderId: Type.String({ format: 'uuid' }) }, closed),
});
export const RefundPaymentSucceededV1 = defineEvent({
  ...reply,
  type: 'payment.refund-payment-succeeded',
  summary: 'Done: the aggregate the use case changed, at its version.',
  schema: Type.Object({ id: Type.String(), version: Type.Integer() }, closed),
});
export const RefundPaymentRefusedV1 = defineEvent({
  ...reply,
  type: 'payment.refund-payment-refused',
  summary: 'Refused: the domain error code and its message.',
  schema: Type.Object({ reason: Type.String(), detail: Type.String() }, closed),
});

export const paymentSagaContracts = [
  AuthorizePaymentV1,
  AuthorizePaymentSucceededV1,
  AuthorizePaymentRefusedV1,
  CapturePaymentV1,
  CapturePaymentSucceededV1,
  CapturePaymentRefusedV1,
  VoidPaymentV1,
  VoidPaymentSucceededV1,
  VoidPaymentRefusedV1,
  RefundPaymentV1,
  RefundPaymentSucceededV1,
  RefundPaymentRefusedV1,
] as const;
