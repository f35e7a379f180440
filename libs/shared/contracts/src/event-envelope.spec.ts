import { envelopeHeaders, EventEnvelope } from './event-envelope';

describe('envelopeHeaders', () => {
  const envelope: EventEnvelope = {
    id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    type: 'client.client-registered',
    version: 1,
    aggregateType: 'client',
    aggregateId: 'c-1',
    aggregateVersion: 1,
    occurredAt: new Date(0).toISOString(),
    correlationId: 'corr-1',
    causationId: null,
    originSystem: 'cloud',
    payload: {},
  };

  it('repeats the actor of the command, ids only, as headers', () => {
    expect(envelopeHeaders({ ...envelope, actor: { subject: 'user-1', client: 'portal' } })).toMatchObject({
      actor_subject: 'user-1',
      actor_client: 'portal',
    });
    const withoutClient = envelopeHeaders({ ...envelope, actor: { subject: 'user-1' } });
    expect(withoutClient.actor_subject).toBe('user-1');
    expect(withoutClient).not.toHaveProperty('actor_client');
  });

  it('has no actor headers for a change without a caller (legacy capture, consumers)', () => {
    const headers = envelopeHeaders({ ...envelope, originSystem: 'legacy' });
    expect(Object.keys(headers).filter((name) => name.startsWith('actor_'))).toEqual([]);
  });
});
