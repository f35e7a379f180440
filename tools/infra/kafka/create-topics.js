// Creates the platform's topics that do not exist yet: every topic the context manifests declare
// (apps/*/context.manifest.json, read by tools/infra/contexts/contexts.js; ADR 0017). Partitions by business key
// need explicit counts, so topics are never left to auto-creation. Idempotent: existing topics are left as they are.
const { loadContexts, topicsOf } = require('../contexts/contexts');
const { toolKafka } = require('./tool-kafka');

async function main() {
  const topics = topicsOf(loadContexts());
  const kafka = toolKafka();
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.topic,
          numPartitions: t.partitions,
          replicationFactor: 1,
          configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    console.log(`kafka: topics ready (${topics.map((t) => t.topic).join(', ')}; ${missing.length} created)`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((error) => {
  console.error(`kafka: could not create topics: ${error.message}`);
  process.exit(1);
});
