import { Type } from '@sinclair/typebox';

/** The envelope every event on a Bascule topic must have, whatever its payload. */
export const EventEnvelopeSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: Type.String({ pattern: '^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*$' }),
  version: Type.Integer({ minimum: 1 }),
  aggregateType: Type.String({ minLength: 1 }),
  aggregateId: Type.String({ minLength: 1 }),
  aggregateVersion: Type.Integer({ minimum: 0 }),
  occurredAt: Type.String({ format: 'date-time' }),
  correlationId: Type.String({ minLength: 1 }),
  causationId: Type.Union([Type.String(), Type.Null()]),
  originSystem: Type.Union([Type.Literal('legacy'), Type.Literal('cloud')]),
  actor: Type.Optional(
    Type.Object({ subject: Type.String({ minLength: 1 }), client: Type.Optional(Type.String({ minLength: 1 })) }),
  ),
  payload: Type.Unknown(),
});
