import { Type } from '@sinclair/typebox';
import { ContractRegistry, ContractViolation } from './contract-registry';
import { defineEvent } from './event-contract';

describe('ContractRegistry', () => {
  const closed = { additionalProperties: false } as const;
  const base = { type: 'shop.item-created', version: 1, topic: 'shop.events.v1', aggregateType: 'item', summary: 's' };
  /** v1 as a consumer built before `vatRate` was added to it knows it. */
  const before = defineEvent({ ...base, schema: Type.Object({ sku: Type.String() }, closed) });
  const envelope = (payload: Record<string, unknown>) => ({ type: base.type, version: 1, payload });

  it('refuses, when publishing, a property the contract does not know', () => {
    expect(() => new ContractRegistry([before]).assertValid(envelope({ sku: 'A', vatRate: 550 }))).toThrow(
      ContractViolation,
    );
  });

  it('reading tolerantly, drops a property added to v1 after the consumer was built, and keeps what it knows', () => {
    const event = envelope({ sku: 'A', vatRate: 550 });
    new ContractRegistry([before], { tolerateAddedFields: true }).assertValid(event);
    expect(event.payload).toEqual({ sku: 'A' });
  });

  it('reading tolerantly, still refuses a payload missing a field or holding a wrong type', () => {
    const tolerant = new ContractRegistry([before], { tolerateAddedFields: true });
    expect(() => tolerant.assertValid(envelope({ vatRate: 550 }))).toThrow('/ must have required property');
    expect(() => tolerant.assertValid(envelope({ sku: 7 }))).toThrow('/sku must be string');
  });
});
