import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { ContractRegistry, defineEvent, EventEnvelope } from '@bascule/shared/contracts';

export const testEvent = (topic: string) =>
  defineEvent({
    type: 'test.thing-happened',
    version: 1,
    topic,
    aggregateType: 'thing',
    summary: 'test event',
    schema: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
  });

export const testContracts = (topic: string) => new ContractRegistry([testEvent(topic)]);

export function thingHappened(
  n: number,
  aggregateId = randomUUID(),
  aggregateVersion = 1,
): EventEnvelope<{ n: number }> {
  return {
    id: randomUUID(),
    type: 'test.thing-happened',
    version: 1,
    aggregateType: 'thing',
    aggregateId,
    aggregateVersion,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    originSystem: 'cloud',
    payload: { n },
  };
}
