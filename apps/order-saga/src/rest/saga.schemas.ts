import { Static, Type } from '@sinclair/typebox';
import { CANCEL_ORDER_SAGA, PLACE_ORDER_SAGA } from '@bascule/order-saga';

const closed = { additionalProperties: false } as const;
const dateTime = Type.String({ format: 'date-time' });
const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const status = Type.Union([
  Type.Literal('RUNNING'),
  Type.Literal('COMPENSATING'),
  Type.Literal('COMPLETED'),
  Type.Literal('COMPENSATED'),
  Type.Literal('NEEDS_ATTENTION'),
]);

export const ListSagasQuerySchema = Type.Object(
  {
    orderId: Type.Optional(Type.String({ format: 'uuid', description: "The order's sagas (placement, cancellation)" })),
    state: Type.Optional(status),
    type: Type.Optional(Type.Union([Type.Literal(PLACE_ORDER_SAGA), Type.Literal(CANCEL_ORDER_SAGA)])),
    olderThan: Type.Optional(Type.String({ format: 'date-time', description: 'Started before this instant' })),
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  closed,
);
export type ListSagasQuery = Static<typeof ListSagasQuerySchema>;

/** One step of the saga in one direction (forward, or its compensation), as its history tells it. */
export const SagaStepSchema = Type.Object({
  step: Type.String(),
  phase: Type.Union([Type.Literal('forward'), Type.Literal('compensation')]),
  outcome: Type.Union([
    Type.Literal('in-flight'),
    Type.Literal('succeeded'),
    Type.Literal('refused'),
    Type.Literal('no-reply'),
    Type.Literal('passed'),
    Type.Literal('needs-attention'),
  ]),
  attempts: Type.Integer({ description: 'Commands sent for it (a retry after a timeout is one more)' }),
  detail: nullable(Type.String({ description: 'A refusal’s reason, or why it needs attention' })),
  startedAt: dateTime,
  endedAt: nullable(dateTime),
  durationMs: Type.Union([Type.Integer(), Type.Null()]),
});

export const SagaSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    type: Type.String(),
    status,
    orderId: Type.String({ format: 'uuid' }),
    correlationId: Type.String(),
    currentStep: nullable(Type.String()),
    phase: Type.Union([Type.Literal('forward'), Type.Literal('compensation')]),
    attentionReason: nullable(Type.String()),
    deadlineAt: nullable(dateTime),
    startedAt: dateTime,
    updatedAt: dateTime,
    endedAt: nullable(dateTime),
    version: Type.Integer(),
    steps: Type.Array(SagaStepSchema),
  },
  { $id: 'Saga' },
);
export type SagaView = Static<typeof SagaSchema>;
export type SagaStepView = Static<typeof SagaStepSchema>;

export const SagaPageSchema = Type.Object(
  {
    items: Type.Array(SagaSchema),
    nextCursor: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
      description: 'Pass as `cursor` for the next page; null on the last',
    }),
  },
  { $id: 'SagaPage' },
);
export type SagaPage = Static<typeof SagaPageSchema>;
