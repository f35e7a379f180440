import { EventContract, EventEnvelope, PayloadOf } from '@bascule/shared/contracts';

/** Replies to every saga travel here, keyed by saga id. */
export const SAGA_REPLIES_TOPIC = 'saga.replies.v1';

/** The aggregate type of saga commands and replies in the outbox (their key, `aggregateId`, is the saga id). */
export const SAGA_AGGREGATE_TYPE = 'saga';

/**
 * A participant's reply to a saga command: keyed by the saga id, caused by the command (the engine accepts only a
 * reply whose `causationId` is a command it is waiting on), in the command's correlation. Written to the
 * participant's outbox in the transaction that handled the command.
 */
export function sagaReply<C extends EventContract>(
  command: EventEnvelope,
  reply: C,
  payload: PayloadOf<C>,
  ids: { id: string; occurredAt: string },
): EventEnvelope<PayloadOf<C>> {
  return {
    id: ids.id,
    type: reply.type,
    version: reply.version,
    aggregateType: SAGA_AGGREGATE_TYPE,
    aggregateId: command.aggregateId,
    aggregateVersion: command.aggregateVersion,
    occurredAt: ids.occurredAt,
    correlationId: command.correlationId,
    causationId: command.id,
    originSystem: 'cloud',
    payload,
  };
}
