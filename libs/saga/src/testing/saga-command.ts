import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@bascule/shared/contracts';
import { SAGA_AGGREGATE_TYPE } from '../engine/saga-messages';

/**
 * A saga's command to a participant, as the orchestrator sends it: keyed by the saga id (`aggregateId`), in the
 * saga's correlation (`corr-<sagaId>`), under a new id each time (a step's timeout retry
 * keeps its command's id; an admin's retry is a new command). For a participant's tests; payloads are not checked here, the participant's contract does it.
 */
export function sagaCommand(type: string, payload: object, sagaId: string = randomUUID()): EventEnvelope {
  return {
    id: randomUUID(),
    type,
    version: 1,
    aggregateType: SAGA_AGGREGATE_TYPE,
    aggregateId: sagaId,
    aggregateVersion: 1,
    occurredAt: new Date().toISOString(),
    correlationId: `corr-${sagaId}`,
    causationId: randomUUID(),
    originSystem: 'cloud',
    payload,
  };
}
