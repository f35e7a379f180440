import { Kafka } from 'kafkajs';

/** Ready when the broker answers a metadata request: the check behind `/health/details`' `kafka` entry (not readiness: ADR 0014). */
export async function checkKafka(kafka: Kafka, timeoutMs = 2_000): Promise<Record<string, unknown>> {
  const admin = kafka.admin();
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`broker did not answer within ${timeoutMs} ms`)), timeoutMs).unref(),
  );
  try {
    await Promise.race([admin.connect(), timeout]);
    const cluster = await Promise.race([admin.describeCluster(), timeout]);
    return { brokers: cluster.brokers.length, controller: cluster.controller };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
