import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { context, legacy, Manifest, manifestRepository } from './manifest-fixtures';

type Platform = { root: string; contexts: (Manifest & { file: string })[] };
interface Acl {
  user: string;
  resource: { type: string; name: string; patternType: string };
  operations: string[];
}
const { loadContexts } = require('./contexts.js') as { loadContexts(options?: { root?: string }): Platform };
const { kafkaAclsOf } = require('./kafka-acls.js') as { kafkaAclsOf(platform: Platform): Acl[] };
const { renderDeployment } = require('./render-deployment.js') as {
  renderDeployment(platform?: Platform, read?: (file: string) => string): Map<string, string>;
};

const root = resolve(__dirname, '../../..');
const committed = (file: string) => readFileSync(join(root, file), 'utf8');
const usersOf = (yaml: string) => parseAllDocuments(yaml).map((d) => d.toJS());

describe('Strimzi gets the principals and ACLs the local broker gets (k8s/kafka-users.yaml)', () => {
  const platform = loadContexts();
  const users = usersOf(committed('k8s/kafka-users.yaml'));

  it('a SCRAM-SHA-512 KafkaUser for Connect and for every context, with exactly the derived ACLs; no admin', () => {
    expect(users.map((u) => [u.kind, u.metadata.name, u.spec.authentication.type, u.spec.authorization.type])).toEqual([
      ['KafkaUser', 'kafka-connect', 'scram-sha-512', 'simple'],
      ...platform.contexts.map((m) => ['KafkaUser', m.service, 'scram-sha-512', 'simple']),
    ]);
    for (const user of users)
      expect(user.spec.authorization.acls).toEqual(
        kafkaAclsOf(platform)
          .filter((acl) => acl.user === user.metadata.name)
          .map(({ resource, operations }) => ({ resource, operations, host: '*' })),
      );
  });

  it.each(loadContexts().contexts.map((m) => [m.service]))(
    '%s logs in as its own KafkaUser, with the password Strimzi generated',
    (service) => {
      const deployment = committed(`k8s/${service}.yaml`)
        .split('\n---\n')
        .map((doc) => parse(doc))
        .find((doc) => doc.kind === 'Deployment');
      const env = deployment.spec.template.spec.containers[0].env;
      expect(env).toEqual(
        expect.arrayContaining([
          { name: 'KAFKA_SASL_USERNAME', value: service },
          { name: 'KAFKA_SASL_PASSWORD', valueFrom: { secretKeyRef: { name: service, key: 'password' } } },
          { name: 'KAFKA_SASL_MECHANISM', value: 'scram-sha-512' },
        ]),
      );
    },
  );

  it('compose sets every SCRAM user and ACL before the services start, each service logging in as its own', () => {
    const compose = parse(committed('docker/compose.yaml'));
    const provisioning = compose.services['kafka-topics'].command[0] as string;
    for (const user of ['bascule-admin', 'kafka-connect', ...platform.contexts.map((m) => m.service)])
      expect(provisioning).toContain(`--alter --entity-type users --entity-name ${user} --add-config`);
    for (const { user, resource } of kafkaAclsOf(platform))
      expect(provisioning).toMatch(
        new RegExp(`--allow-principal User:${user} .*--${resource.type} ${resource.name.replace(/\./g, '\\.')}`),
      );
    for (const m of platform.contexts)
      expect(compose.services[m.service].environment).toMatchObject({
        KAFKA_SASL_USERNAME: m.service,
        KAFKA_SASL_PASSWORD: `\${${m.envPrefix}_KAFKA_PASSWORD:?}`,
      });
    expect(compose.services.kafka.environment.KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND).toBe('false');
  });

  it('a new context’s manifest gives it its KafkaUser, reading what it consumes and writing only its own', () => {
    const tree = manifestRepository([
      legacy(),
      context('quarry', 3101),
      {
        ...context('mason', 3102),
        consumes: [{ topic: 'quarry.events.v1', event: 'quarry.cut', versions: [1], handler: 'on-cut' }],
      },
    ]);
    try {
      const rendered = renderDeployment(loadContexts({ root: tree }), committed);
      const mason = usersOf(rendered.get('k8s/kafka-users.yaml')!).find((u) => u.metadata.name === 'mason-service');
      expect(mason.spec.authorization.acls).toEqual([
        {
          resource: { type: 'topic', name: 'mason.events.v1', patternType: 'literal' },
          operations: ['Write', 'Describe'],
          host: '*',
        },
        {
          resource: { type: 'topic', name: 'mason.events.v1.dlq', patternType: 'literal' },
          operations: ['Write', 'Read', 'Describe'],
          host: '*',
        },
        {
          resource: { type: 'topic', name: 'quarry.events.v1', patternType: 'literal' },
          operations: ['Read', 'Describe'],
          host: '*',
        },
        {
          resource: { type: 'topic', name: 'quarry.events.v1.dlq', patternType: 'literal' },
          operations: ['Write', 'Describe'],
          host: '*',
        },
        { resource: { type: 'group', name: 'mason-service', patternType: 'literal' }, operations: ['Read'], host: '*' },
        { resource: { type: 'group', name: 'mason-service.', patternType: 'prefix' }, operations: ['Read'], host: '*' },
      ]);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});
