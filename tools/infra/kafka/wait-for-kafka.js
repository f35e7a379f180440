// Waits until the broker answers an admin request (metadata), printing progress; exits 1 after the timeout.
const { Kafka, logLevel } = require('kafkajs');

const timeoutSeconds = Number(process.argv[2] ?? 60);
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

async function main() {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 1000 });
  for (let attempt = 1; ; attempt++) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.listTopics();
      await admin.disconnect();
      if (attempt > 1) process.stdout.write('\n');
      console.log(`kafka: ready on ${brokers.join(',')}`);
      return;
    } catch {
      await admin.disconnect().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`kafka: not ready after ${timeoutSeconds}s`);
      process.stdout.write(
        `\rkafka: waiting for ${brokers.join(',')} (${Math.round((deadline - Date.now()) / 1000)}s left) `,
      );
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

main().catch((error) => {
  console.error(`\n${error.message}`);
  process.exit(1);
});
