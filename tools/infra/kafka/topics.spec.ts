const { loadContexts, topicsOf } = require('../contexts/contexts.js') as {
  loadContexts(): unknown;
  topicsOf(platform: unknown): { topic: string; partitions: number; config: Record<string, string> }[];
};
const { connectorConfig } = require('../connect/register-connector.js') as {
  connectorConfig(env?: NodeJS.ProcessEnv): { config: Record<string, string> };
};

/** A fresh start on an empty legacy database: the consumer's topic must exist before the first captured change. */
describe('the captured tables have their topics created up front', () => {
  const topics = topicsOf(loadContexts());
  const { config } = connectorConfig({});
  const tables = config['table.include.list'].split(',').map((t) => t.replace(/^public\./, ''));

  it('every table of the legacy manifest is captured', () => {
    expect(tables).toEqual(['CLIENTS', 'COMMANDES', 'LIGNES_COMMANDE', 'STOCK', 'PAIEMENTS', 'FACTURES']);
  });

  it.each(tables)(
    'legacy.public.%s exists with the partitions and configs Debezium would have given it, and a retention',
    (table) => {
      const topic = topics.find((t) => t.topic === `${config['topic.prefix']}.public.${table}`);
      expect(topic).toBeDefined();
      expect(topic?.partitions).toBe(Number(config['topic.creation.default.partitions']));
      expect(topic?.config['compression.type']).toBe(config['topic.creation.default.compression.type']);
      expect(topic?.config['retention.ms']).toBe(config['topic.creation.default.retention.ms']);
      expect(Number(topic?.config['retention.ms'])).toBeGreaterThan(0);
    },
  );
});
