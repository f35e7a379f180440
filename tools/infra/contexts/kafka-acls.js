// Who may write what on Kafka (ADR 0032), derived from the context manifests like everything else (ADR 0017):
// each context service is a SCRAM principal named after its service, Kafka Connect (the Debezium capture) is one,
// tooling uses the admin super user. ACLs are given as Strimzi writes them (KafkaUser spec.authorization.acls):
// apply-acls.js expands them into kafkajs createAcls entries, render-kafka-users.js writes them as they are.
//
// A context may write its own topics and dead-letter topics, read what it consumes (its `consumes`, its captured
// `legacyTables` and the connector's transaction topic), write the dead-letter topic of what it consumes (the
// consumer engine sets poison messages aside in `<topic>.dlq`), write and read its own dead-letter topic of each
// captured table (`<context>.<prefix>.<TABLE>.dlq`, ADR 0044: no other context's), and use its consumer groups (`<service>`,
// `<service>.*`). Only Connect writes the captured topics, the connector's transaction and heartbeat topics, and
// its own internal topics (`<group>-*`).
const { capturedTopic, legacyDeadLetterTopic, transactionTopic: transactionTopicOf } = require('./contexts');

const ADMIN_USER = 'bascule-admin';
/** The controller listener's static PLAIN user (KRaft keeps SCRAM credentials in the metadata the controller serves). */
const CONTROLLER_USER = 'bascule-controller';
const CONNECT_USER = 'kafka-connect';
/** Connect's group.id; its internal topics are `<group>-configs`, `-offsets`, `-status` (worker.properties). */
const DEFAULT_CONNECT_GROUP = 'bascule-connect';

const WRITE = ['Write', 'Describe'];
const READ = ['Read', 'Describe'];
const OWN_DLQ = ['Write', 'Read', 'Describe'];
const PRODUCE_CAPTURE = ['Write', 'Describe', 'Create', 'DescribeConfigs'];

/** Every SCRAM principal and the variable of its password in $BASCULE_SECRETS/kafka.env. */
function kafkaPrincipalsOf(platform) {
  return [
    { user: ADMIN_USER, passwordVar: 'KAFKA_ADMIN_PASSWORD', kind: 'admin' },
    { user: CONNECT_USER, passwordVar: 'CONNECT_KAFKA_PASSWORD', kind: 'connect' },
    ...platform.contexts.map((m) => ({
      user: m.service,
      passwordVar: `${m.envPrefix}_KAFKA_PASSWORD`,
      kind: 'context',
    })),
  ];
}

/** Collects operations per principal and resource, in the order first granted. */
function aclBook() {
  const byKey = new Map();
  const grant = (user, type, name, patternType, operations) => {
    const key = [user, type, name, patternType].join('\u0000');
    const acl = byKey.get(key) ?? { user, resource: { type, name, patternType }, operations: [] };
    for (const operation of operations) if (!acl.operations.includes(operation)) acl.operations.push(operation);
    byKey.set(key, acl);
  };
  return { grant, acls: () => [...byKey.values()] };
}

/** The ACLs of every principal but the admin (a super user): [{ user, resource: { type, name, patternType }, operations }]. */
function kafkaAclsOf(platform, { connectGroup = DEFAULT_CONNECT_GROUP } = {}) {
  const { grant, acls } = aclBook();
  const { capture } = platform.legacy;
  const transactionTopic = transactionTopicOf(capture);
  const dlqOf = new Map();
  for (const m of platform.manifests)
    for (const topic of m.topics ?? []) if (topic.dlq) dlqOf.set(topic.name, `${topic.name}.dlq`);

  for (const m of platform.contexts) {
    const topic = (name, operations) => grant(m.service, 'topic', name, 'literal', operations);
    for (const own of m.topics) {
      topic(own.name, WRITE);
      if (own.dlq) topic(`${own.name}.dlq`, OWN_DLQ);
    }
    for (const { table } of m.legacyTables ?? []) {
      topic(capturedTopic(capture, table), READ);
      topic(legacyDeadLetterTopic(m, capture, table), OWN_DLQ);
    }
    if (m.legacyTables?.length) {
      topic(transactionTopic, READ);
      // Shared by every context with legacy tables: a transaction event carries ids and counts, no row.
      topic(`${transactionTopic}.dlq`, WRITE);
    }
    for (const consumed of m.consumes ?? []) {
      topic(consumed.topic, READ);
      if (dlqOf.has(consumed.topic)) topic(dlqOf.get(consumed.topic), WRITE);
    }
    grant(m.service, 'group', m.service, 'literal', ['Read']);
    grant(m.service, 'group', `${m.service}.`, 'prefix', ['Read']);
  }

  for (const table of capture.tables)
    grant(CONNECT_USER, 'topic', capturedTopic(capture, table), 'literal', PRODUCE_CAPTURE);
  grant(CONNECT_USER, 'topic', transactionTopic, 'literal', PRODUCE_CAPTURE);
  grant(CONNECT_USER, 'topic', `__debezium-heartbeat.${capture.topicPrefix}`, 'literal', PRODUCE_CAPTURE);
  grant(CONNECT_USER, 'topic', `${connectGroup}-`, 'prefix', ['Read', ...PRODUCE_CAPTURE]);
  grant(CONNECT_USER, 'group', connectGroup, 'literal', ['Read']);
  return acls();
}

module.exports = { ADMIN_USER, CONTROLLER_USER, CONNECT_USER, DEFAULT_CONNECT_GROUP, kafkaPrincipalsOf, kafkaAclsOf };

// `node kafka-acls.js principals`: "<user> <password variable> <kind>" a line (secrets.sh, broker.sh);
// `node kafka-acls.js acls`: the ACLs as JSON.
if (require.main === module) {
  const { loadContexts } = require('./contexts');
  const [command] = process.argv.slice(2);
  const platform = loadContexts();
  if (command === 'principals')
    for (const p of kafkaPrincipalsOf(platform)) console.log(`${p.user} ${p.passwordVar} ${p.kind}`);
  else if (command === 'acls')
    console.log(JSON.stringify(kafkaAclsOf(platform, { connectGroup: process.env.CONNECT_GROUP }), null, 2));
  else {
    console.error('usage: kafka-acls.js principals|acls');
    process.exit(2);
  }
}
