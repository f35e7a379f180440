import { groupedSyncSettingsFromEnv } from './grouped-sync.settings';

describe('the settings of a legacy group', () => {
  it('give each table its topic and group, and the transaction topic its own', () => {
    expect(groupedSyncSettingsFromEnv('crates-service', ['CAISSES', 'LIGNES_CAISSE'], {})).toEqual({
      enabled: true,
      tables: {
        CAISSES: {
          topic: 'legacy.public.CAISSES',
          groupId: 'crates-service.legacy-caisses',
          deadLetterTopic: 'crates.legacy.CAISSES.dlq',
        },
        LIGNES_CAISSE: {
          topic: 'legacy.public.LIGNES_CAISSE',
          groupId: 'crates-service.legacy-lignes_caisse',
          deadLetterTopic: 'crates.legacy.LIGNES_CAISSE.dlq',
        },
      },
      transactions: { topic: 'legacy.transaction', groupId: 'crates-service.legacy-transaction' },
      connector: { connectUrl: 'http://127.0.0.1:8083', connector: 'legacy-postgres' },
    });
  });

  it('follow the topic prefix and never put two topics in one group', () => {
    const settings = groupedSyncSettingsFromEnv('crates-service', ['CAISSES', 'LIGNES_CAISSE'], {
      LEGACY_TOPIC_PREFIX: 'test1',
      LEGACY_CONSUMER_GROUP: 'one-for-all',
      LEGACY_CAISSES_CONSUMER_GROUP: 'crates-own',
      LEGACY_CDC: 'off',
    });
    expect(settings.enabled).toBe(false);
    expect(settings.tables['CAISSES']).toEqual({
      topic: 'test1.public.CAISSES',
      groupId: 'crates-own',
      deadLetterTopic: 'crates.test1.CAISSES.dlq',
    });
    expect(settings.tables['LIGNES_CAISSE'].groupId).toBe('crates-service.test1-lignes_caisse');
    expect(settings.transactions).toEqual({ topic: 'test1.transaction', groupId: 'crates-service.test1-transaction' });
  });

  it('give each named group of a context its own consumer group on the transaction topic', () => {
    const groupOf = (name: string, env: NodeJS.ProcessEnv = {}) =>
      groupedSyncSettingsFromEnv('crates-service', ['CAISSES'], env, name).transactions.groupId;
    expect(groupOf('crates')).toBe('crates-service.legacy-transaction.crates');
    expect(groupOf('pallets')).toBe('crates-service.legacy-transaction.pallets');
    expect(groupOf('crates', { LEGACY_TRANSACTION_CONSUMER_GROUP: 'tx' })).toBe('tx.crates');
  });
});
