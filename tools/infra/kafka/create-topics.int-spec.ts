import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { deleteTopics, testKafka } from '@bascule/shared/testing';
import { context, legacy, manifestRepository } from '../contexts/manifest-fixtures';

/** create-topics.js on the real broker, from manifests of a tree of its own (names unique to this run). */
describe('create-topics.js creates the topics the manifests declare', () => {
  const id = randomBytes(4).toString('hex');
  const name = `mt${id}`;
  const prefix = `mt${id}legacy`;
  const expected = {
    [`${prefix}.public.CLIENTS`]: {
      partitions: 12,
      config: { 'retention.ms': '604800000', 'compression.type': 'gzip' },
    },
    [`${prefix}.public.STOCK`]: { partitions: 12, config: { 'retention.ms': '604800000', 'compression.type': 'gzip' } },
    // Debezium's transaction metadata, read by grouped syncs, and where they set aside an event they cannot read.
    [`${prefix}.transaction`]: { partitions: 12, config: { 'retention.ms': '604800000', 'compression.type': 'gzip' } },
    [`${prefix}.transaction.dlq`]: { partitions: 1, config: { 'retention.ms': '2592000000' } },
    [`${name}.events.v1`]: { partitions: 6, config: { 'retention.ms': '604800000' } },
    [`${name}.events.v1.dlq`]: { partitions: 1, config: { 'retention.ms': '2592000000' } },
    // The context's own dead-letter topic of the table it captures (ADR 0044).
    [`${name}.${prefix}.CLIENTS.dlq`]: { partitions: 1, config: { 'retention.ms': '2592000000' } },
  };
  const root = manifestRepository([
    { ...legacy(), capture: { ...legacy().capture, topicPrefix: prefix } },
    { ...context(name, 3001), legacyTables: [{ table: 'CLIENTS', dlq: { partitions: 1, retentionMs: 2592000000 } }] },
  ]);
  const createTopics = () =>
    execFileSync(process.execPath, [resolve(__dirname, 'create-topics.js')], {
      encoding: 'utf8',
      env: { ...process.env, BASCULE_CONTEXTS_ROOT: root },
    });
  const admin = testKafka().admin();

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await deleteTopics(testKafka(), Object.keys(expected));
    await admin.disconnect();
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the missing ones with their partitions and configs, says so, and leaves them alone the second time', async () => {
    await admin.createTopics({ topics: [{ topic: `${name}.events.v1`, numPartitions: 6 }], waitForLeaders: true });
    expect(createTopics()).toBe(`kafka: topics ready (${Object.keys(expected).join(', ')}; 6 created)\n`);
    const { topics } = await admin.fetchTopicMetadata({ topics: Object.keys(expected) });
    expect(Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([topic, { partitions }]) => [topic, partitions])),
    );
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: Object.keys(expected).map((topic) => ({
        type: 2,
        name: topic,
        configNames: ['retention.ms', 'compression.type'],
      })),
    });
    for (const resource of configs.resources.filter((r) => r.resourceName !== `${name}.events.v1`)) {
      // Only what was set on the topic itself (config source 1), not the broker's defaults.
      const set = Object.fromEntries(
        resource.configEntries.filter((e) => e.configSource === 1).map((e) => [e.configName, e.configValue]),
      );
      expect([resource.resourceName, set]).toEqual([resource.resourceName, expected[resource.resourceName].config]);
    }
    expect(createTopics()).toBe(`kafka: topics ready (${Object.keys(expected).join(', ')}; 0 created)\n`);
  });

  it('refuses to run on a broken manifest, naming it', () => {
    const broken = manifestRepository([legacy(), { ...context(name, 8090) }]);
    try {
      expect(() =>
        execFileSync(process.execPath, [resolve(__dirname, 'create-topics.js')], {
          encoding: 'utf8',
          stdio: 'pipe',
          env: { ...process.env, BASCULE_CONTEXTS_ROOT: broken },
        }),
      ).toThrow(/kafka: could not create topics: context manifests: 1 problem:\n {2}- port 8090 is claimed twice/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
