// Prints, one a line, the Kafka principals of the manifests (kafka-acls.js) that cannot log in with the password
// kafka.env gives them: those whose SCRAM user broker.sh must (re)set. Waits for the broker to answer first
// (timeout: argv[2] seconds, 90 by default); a refused login is an answer.
const { Kafka, logLevel } = require('kafkajs');
const { loadContexts } = require('../contexts/contexts');
const { kafkaPrincipalsOf } = require('../contexts/kafka-acls');
const { toolBrokers } = require('./tool-kafka');

const timeoutSeconds = Number(process.argv[2] ?? 90);

/** true: logged in; false: refused; throws when the broker does not answer. */
async function logsIn(user, password) {
  const kafka = new Kafka({
    brokers: toolBrokers(),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 2000,
    sasl: { mechanism: 'scram-sha-512', username: user, password },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    return true;
  } catch (error) {
    if (error.name === 'KafkaJSSASLAuthenticationError') return false;
    throw error;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function main() {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const principals = kafkaPrincipalsOf(loadContexts());
  for (const { user, passwordVar } of principals) {
    const password = process.env[passwordVar];
    if (!password) throw new Error(`${passwordVar} is not set (kafka.env): ${user} has no password`);
    for (;;) {
      try {
        if (!(await logsIn(user, password))) console.log(user);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`${toolBrokers().join(',')} did not answer: ${error.message}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}

main().catch((error) => {
  console.error(`kafka: ${error.message}`);
  process.exit(1);
});
