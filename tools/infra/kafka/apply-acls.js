// Applies the ACLs derived from the context manifests (tools/infra/contexts/kafka-acls.js; ADR 0032) as the admin
// super user: creates those missing, deletes the ACLs of the platform's principals that the manifests no longer
// give (a consumed topic taken out of `consumes`). Idempotent; run by broker.sh start after the SCRAM users exist.
// CONNECT_GROUP names Connect's group.id and internal topics' prefix (default bascule-connect). `--add-only` creates
// the missing ACLs and deletes none: for a second checkout (a worktree) sharing the broker with the first.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = require('kafkajs');
const { loadContexts } = require('../contexts/contexts');
const { kafkaAclsOf, kafkaPrincipalsOf } = require('../contexts/kafka-acls');
const { toolKafka } = require('./tool-kafka');

const OPERATIONS = {
  Read: AclOperationTypes.READ,
  Write: AclOperationTypes.WRITE,
  Create: AclOperationTypes.CREATE,
  Describe: AclOperationTypes.DESCRIBE,
  DescribeConfigs: AclOperationTypes.DESCRIBE_CONFIGS,
};
const RESOURCES = { topic: AclResourceTypes.TOPIC, group: AclResourceTypes.GROUP };
const PATTERNS = { literal: ResourcePatternTypes.LITERAL, prefix: ResourcePatternTypes.PREFIXED };

/** One kafkajs ACL entry per operation (host `*`, ALLOW). */
const entriesOf = (acls) =>
  acls.flatMap(({ user, resource, operations }) =>
    operations.map((operation) => ({
      resourceType: RESOURCES[resource.type],
      resourceName: resource.name,
      resourcePatternType: PATTERNS[resource.patternType],
      principal: `User:${user}`,
      host: '*',
      operation: OPERATIONS[operation],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );

const keyOf = (e) =>
  [e.resourceType, e.resourceName, e.resourcePatternType, e.principal, e.host, e.operation, e.permissionType].join(
    '\u0000',
  );

async function main() {
  const platform = loadContexts();
  const wanted = entriesOf(kafkaAclsOf(platform, { connectGroup: process.env.CONNECT_GROUP || undefined }));
  const principals = new Set(kafkaPrincipalsOf(platform).map((p) => `User:${p.user}`));
  const admin = toolKafka().admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    const existing = resources.flatMap((r) =>
      r.acls.map((acl) => ({
        resourceType: r.resourceType,
        resourceName: r.resourceName,
        resourcePatternType: r.resourcePatternType,
        ...acl,
      })),
    );
    const have = new Set(existing.map(keyOf));
    const want = new Set(wanted.map(keyOf));
    const missing = wanted.filter((e) => !have.has(keyOf(e)));
    const addOnly = process.argv.includes('--add-only');
    const stale = addOnly ? [] : existing.filter((e) => principals.has(e.principal) && !want.has(keyOf(e)));
    if (missing.length) await admin.createAcls({ acl: missing });
    if (stale.length) await admin.deleteAcls({ filters: stale });
    console.log(
      `kafka: ACLs ready for ${[...principals].map((p) => p.slice(5)).join(', ')} (${wanted.length} entries; ${missing.length} created, ${stale.length} removed)`,
    );
  } finally {
    await admin.disconnect();
  }
}

module.exports = { entriesOf };

if (require.main === module)
  main().catch((error) => {
    console.error(`kafka: could not apply the ACLs: ${error.message}`);
    process.exit(1);
  });
