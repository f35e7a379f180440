import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { createTestDatabase, serviceRole, testKafka, waitForExit } from '@bascule/shared/testing';
import { progress, Row, waitForCount } from './bench-kit';
import { deleteCapture, migrateClientDatabase, registerCapture, startSyncingService } from './cdc-harness';
import { appliedCount, benchTable, CdcRun } from './cdc-table.bench';
import { CAPTURED_TABLES, commitClock } from './cdc-tables';

const root = resolve(__dirname, '..');

/**
 * Legacy changes through Debezium into client-service, against Debezium alone on the same changes, for every
 * captured table in turn (`CAPTURED_TABLES`): one legacy database, one connector, one client-service.
 * "On the topic" is the Kafka record's timestamp (set by Connect's producer when Debezium hands it over);
 * all times are the machine's clock (PostgreSQL's clock_timestamp, Kafka's and Node's Date.now).
 */
export async function benchCdc(changes: number, rate: number): Promise<Row[]> {
  const id = randomBytes(4).toString('hex');
  const prefix = `benchcdc${id}`;
  const legacyDb = await createTestDatabase('bench_legacy', serviceRole('LEGACY'));
  const serviceDb = await createTestDatabase('bench_cdc_service', serviceRole('CLIENT'));
  const run: CdcRun = {
    id,
    legacy: new Pool({ ...legacyDb.settings, max: 8 }),
    service: new Pool({ ...serviceDb.settings, max: 2 }),
    onTopic: new Map(CAPTURED_TABLES.map(({ table }) => [table, new Map()])),
    read: new Map(CAPTURED_TABLES.map(({ table }) => [table, new Map()])),
  };
  await run.legacy.query(readFileSync(resolve(root, 'apps/legacy-monolith/sql/schema.sql'), 'utf8'));
  await migrateClientDatabase(serviceDb.name);
  await run.service.query(commitClock(CAPTURED_TABLES));
  const connector = `bench-${id}`;
  const app = await startSyncingService(serviceDb.name, prefix, connector);
  const reader = testKafka('bench-cdc').consumer({ groupId: `bench-reader-${id}`, allowAutoTopicCreation: false });
  try {
    registerCapture(id, legacyDb.name, prefix, connector);
    for (const table of CAPTURED_TABLES) {
      progress(`warm-up: one ${table.table} change through Debezium into client-service (connector and topic ready)`);
      await run.legacy.query(table.insert, table.params('WARMUP', 0, id));
      await waitForCount('warm-up change applied', () => appliedCount(run, table.table), 1, 120_000);
    }
    await reader.connect();
    const topics = new Map(CAPTURED_TABLES.map((table) => [`${prefix}.public.${table.table}`, table]));
    await reader.subscribe({ topics: [...topics.keys()], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ topic, message }) => {
        const table = topics.get(topic);
        if (!table || !message.key) return;
        const no = table.keyOf(message.key);
        const onTopic = run.onTopic.get(table.table);
        const read = run.read.get(table.table);
        if (!onTopic?.has(no)) onTopic?.set(no, Number(message.timestamp));
        if (!read?.has(no)) read?.set(no, Date.now());
      },
    });
    const rows: Row[] = [];
    for (const table of CAPTURED_TABLES) rows.push(...(await benchTable(run, table, changes, rate)));
    return rows;
  } finally {
    await reader.disconnect().catch(() => undefined);
    await deleteCapture(connector);
    app.kill('SIGTERM');
    await waitForExit(app);
    await run.legacy.end();
    await run.service.end();
    await legacyDb.drop();
    await serviceDb.drop();
  }
}
