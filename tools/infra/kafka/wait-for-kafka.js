// Waits until the broker answers an admin request (metadata), printing progress; exits 1 after the timeout.
// Logs in as the tools do (tool-kafka.js): a refused login is reported at once, not waited out.
const { toolBrokers, toolKafka } = require('./tool-kafka');

const timeoutSeconds = Number(process.argv[2] ?? 60);
const brokers = toolBrokers();

async function main() {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const kafka = toolKafka({ retry: { retries: 0 }, connectionTimeout: 1000 });
  for (let attempt = 1; ; attempt++) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.listTopics();
      await admin.disconnect();
      if (attempt > 1) process.stdout.write('\n');
      console.log(`kafka: ready on ${brokers.join(',')}`);
      return;
    } catch (error) {
      await admin.disconnect().catch(() => undefined);
      if (error.name === 'KafkaJSSASLAuthenticationError' || error.type === 'SASL_AUTHENTICATION_FAILED')
        throw new Error(`kafka: ${brokers.join(',')} refused the login: ${error.message}`);
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
