import { legacyMetadata } from './legacy-table';
import { legacySyncSettingsFromEnv } from './legacy-sync.settings';

describe('legacy sync settings', () => {
  it('read the default capture: legacy.public.<TABLE>, a group per service and table', () => {
    expect(legacySyncSettingsFromEnv('client-service', 'CLIENTS', {})).toEqual({
      enabled: true,
      topic: 'legacy.public.CLIENTS',
      groupId: 'client-service.legacy-clients',
      deadLetterTopic: 'client.legacy.CLIENTS.dlq',
      connector: { connectUrl: 'http://127.0.0.1:8083', connector: 'legacy-postgres' },
    });
  });

  it('follow the topic prefix, so instances reading different captures never share a group', () => {
    expect(legacySyncSettingsFromEnv('client-service', 'CLIENTS', { LEGACY_TOPIC_PREFIX: 'bench1' })).toMatchObject({
      topic: 'bench1.public.CLIENTS',
      groupId: 'client-service.bench1-clients',
      deadLetterTopic: 'client.bench1.CLIENTS.dlq',
    });
  });

  it('give each context its own dead-letter topic of a table several capture, written by it alone', () => {
    const dlq = (service: string) => legacySyncSettingsFromEnv(service, 'COMMANDES', {}).deadLetterTopic;
    expect([dlq('orders-service'), dlq('billing-service')]).toEqual([
      'orders.legacy.COMMANDES.dlq',
      'billing.legacy.COMMANDES.dlq',
    ]);
  });

  it('take a group given for the table first, then the one given for the service', () => {
    const env = { LEGACY_CONSUMER_GROUP: 'service-group', LEGACY_COMMANDES_CONSUMER_GROUP: 'orders-group' };
    expect(legacySyncSettingsFromEnv('s', 'COMMANDES', env).groupId).toBe('orders-group');
    expect(legacySyncSettingsFromEnv('s', 'CLIENTS', env).groupId).toBe('service-group');
  });

  it('are off with LEGACY_CDC=off', () => {
    expect(legacySyncSettingsFromEnv('s', 'CLIENTS', { LEGACY_CDC: 'off' }).enabled).toBe(false);
  });
});

describe('the metadata of a change applied from legacy', () => {
  it('traces it to its legacy position and transaction, from legacy', () => {
    expect(legacyMetadata({ lsn: 42, txId: 7 })).toEqual({
      correlationId: 'legacy-lsn-42',
      causationId: 'legacy-tx-7',
      originSystem: 'legacy',
    });
    expect(legacyMetadata({ lsn: 42, txId: null }).causationId).toBeNull();
  });
});
