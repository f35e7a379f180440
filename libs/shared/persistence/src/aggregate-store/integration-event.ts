import { randomUUID } from 'node:crypto';
import { CommandMetadata } from '@bascule/shared/application';
import { EventContract, EventEnvelope } from '@bascule/shared/contracts';
import { DomainEvent } from '@bascule/shared/ddd';

/** A domain event in a context's published language: which contract, and the payload it prescribes. */
export interface IntegrationEvent {
  contract: EventContract;
  payload: object;
}

/** The envelope an integration event travels in, for the aggregate version the domain event records. */
export function envelopeOf(
  event: DomainEvent,
  integration: IntegrationEvent,
  metadata: CommandMetadata,
): EventEnvelope {
  const { contract, payload } = integration;
  return {
    id: randomUUID(),
    type: contract.type,
    version: contract.version,
    aggregateType: contract.aggregateType,
    aggregateId: event.aggregateId,
    aggregateVersion: event.aggregateVersion,
    occurredAt: event.occurredAt.toISOString(),
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    originSystem: metadata.originSystem,
    ...(metadata.actor ? { actor: metadata.actor } : {}),
    payload,
  };
}
