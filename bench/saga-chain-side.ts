import { ChildProcess } from 'node:child_process';
import { Kafka } from 'kafkajs';
import { createTopics, deleteTopics, freePort, spawnTs, waitForExit, waitForOutput } from '@bascule/shared/testing';
import { chainTopics } from './baseline/saga-chain-hops';
import { progress } from './bench-kit';
import { contextDatabases, dropAll, orderStatuses, urlOf } from './saga-databases';
import { Confirmations, SagaSide } from './saga-load';

/** As the platform's event and command topics (their manifests: 6 partitions). */
const PARTITIONS = 6;
const CONSUMERS = ['coordinator', 'inventory', 'payment', 'orders', 'billing'];

/**
 * The baseline side: bench/baseline/bare-saga-chain.ts in its own process, on databases migrated and seeded as the
 * engine side's, and topics of the run's own (deleted after, with the chain's consumer groups).
 */
export async function startChainSide(kafka: Kafka, run: string, env: Record<string, string>): Promise<SagaSide> {
  const dbs = await contextDatabases('chain');
  const topics = Object.values(chainTopics(run));
  const groups = CONSUMERS.map((name) => `bench-saga-chain-${run}-${name}`);
  let child: ChildProcess | undefined;
  const cleanUp = async () => {
    if (child) {
      child.kill('SIGTERM');
      await waitForExit(child);
    }
    await dropAll(dbs);
    await deleteTopics(kafka, topics);
    await deleteGroups(kafka, groups);
  };
  try {
    await createTopics(kafka, topics, PARTITIONS);
    const port = await freePort();
    child = spawnTs('bench/baseline/bare-saga-chain.ts', {
      ...env,
      PORT: String(port),
      CHAIN_RUN: run,
      ORDERS_URL: urlOf(dbs.orders),
      INVENTORY_URL: urlOf(dbs.inventory),
      PAYMENT_URL: urlOf(dbs.payment),
      BILLING_URL: urlOf(dbs.billing),
    });
    await waitForOutput(child, /bare saga chain ready/, Number(process.env.BENCH_START_TIMEOUT_MS ?? 180_000));
    progress(`bare chain ready: one process, raw kafkajs consumers on ${topics.length} topics of its own`);
    const confirmations = await Confirmations.listen(dbs.orders.settings);
    const url = `http://127.0.0.1:${port}`;
    const counts = async () =>
      (await (await fetch(`${url}/chain`)).json()) as { completed: number; refused: number; medianMs: object };
    return {
      name: 'bare chain',
      url,
      confirmations,
      completed: async () => (await counts()).completed,
      describe: async () => {
        const { completed, refused, medianMs } = await counts();
        return `chain: ${completed} completed, ${refused} refused replies, median ms of its last legs ${JSON.stringify(medianMs)}; ${await orderStatuses(dbs.orders)}`;
      },
      stop: async () => {
        await confirmations.close();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

export async function deleteGroups(kafka: Kafka, groups: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups(groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
