// The Kafka client of the infrastructure tools (wait-for-kafka, create-topics, apply-acls, bench): the principal of
// KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD when set, else the admin super user whose password setup generated
// (KAFKA_ADMIN_PASSWORD, from the environment or $BASCULE_SECRETS/kafka.env; ADR 0032), else no SASL at all
// (which a secured broker refuses).
const { existsSync, readFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { join } = require('node:path');
const { Kafka, logLevel } = require('kafkajs');

const ADMIN_USER = 'bascule-admin';

const toolBrokers = (env = process.env) => (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());

function toolSasl(env = process.env) {
  const mechanism = (env.KAFKA_SASL_MECHANISM || 'scram-sha-512').toLowerCase();
  if (env.KAFKA_SASL_USERNAME || env.KAFKA_SASL_PASSWORD) {
    if (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD)
      throw new Error('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD go together: one is not set');
    return { mechanism, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD };
  }
  const adminPassword = env.KAFKA_ADMIN_PASSWORD ?? generatedAdminPassword(env);
  if (adminPassword) return { mechanism: 'scram-sha-512', username: ADMIN_USER, password: adminPassword };
  return undefined;
}

/** The admin's password setup generated in $BASCULE_SECRETS/kafka.env, if there is one. */
function generatedAdminPassword(env) {
  const secrets = env.BASCULE_SECRETS ?? join(env.BASCULE_HOME ?? join(homedir(), '.bascule'), 'secrets');
  const file = join(secrets, 'kafka.env');
  if (!existsSync(file)) return undefined;
  return /^KAFKA_ADMIN_PASSWORD=(.*)$/m.exec(readFileSync(file, 'utf8'))?.[1];
}

function toolKafka(options = {}, env = process.env) {
  const sasl = toolSasl(env);
  return new Kafka({ brokers: toolBrokers(env), logLevel: logLevel.NOTHING, ...(sasl ? { sasl } : {}), ...options });
}

module.exports = { ADMIN_USER, toolBrokers, toolSasl, toolKafka };
