import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const topics = JSON.parse(readFileSync(resolve(__dirname, 'topics.json'), 'utf8')) as {
  topic: string;
  partitions: number;
  config?: Record<string, string>;
}[];
const connector = JSON.parse(readFileSync(resolve(__dirname, '../connect/legacy-connector.json'), 'utf8')) as {
  config: Record<string, string>;
};

/** A fresh start on an empty legacy database: the consumer's topic must exist before the first captured change. */
describe('the captured tables have their topics created up front', () => {
  const tables = connector.config['table.include.list'].split(',').map((t) => t.replace(/^public\./, ''));

  it.each(tables)(
    'legacy.public.%s exists with the partitions Debezium would have given it, and a retention',
    (table) => {
      const topic = topics.find((t) => t.topic === `legacy.public.${table}`);
      expect(topic).toBeDefined();
      expect(topic?.partitions).toBe(Number(connector.config['topic.creation.default.partitions']));
      expect(Number(topic?.config?.['retention.ms'])).toBeGreaterThan(0);
    },
  );
});
