import { EventHandler } from '@bascule/shared/messaging';
import { AnySagaDefinition } from '../definition/saga-definition';
import { SagaOrchestrator } from './saga-orchestrator';

/**
 * The handlers of `eventConsumer` (the platform's consumer engine, on the orchestrator's pool) for every reply the
 * sagas take from `saga.replies.v1`: the inbox row, the saga's next state and its commands commit together, so a
 * reply delivered again is a duplicate the inbox drops, and one that answers nothing awaited changes nothing.
 */
export function sagaReplyHandlers(
  orchestrator: SagaOrchestrator,
  definitions: readonly AnySagaDefinition[],
): Record<string, EventHandler> {
  const handle: EventHandler = async (reply) => void (await orchestrator.handleReply(reply));
  const types = definitions.flatMap(({ steps }) =>
    steps.flatMap((step) => [step.invoke, step.compensate].flatMap((i) => (i ? Object.keys(i.replies) : []))),
  );
  return Object.fromEntries(types.map((type) => [type, handle]));
}
