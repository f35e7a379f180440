import { rmSync } from 'node:fs';
import { context, legacy, Manifest, manifestRepository } from './manifest-fixtures';

interface Acl {
  user: string;
  resource: { type: string; name: string; patternType: string };
  operations: string[];
}
const { loadContexts } = require('./contexts.js') as { loadContexts(options?: { root?: string }): unknown };
const { kafkaAclsOf, kafkaPrincipalsOf } = require('./kafka-acls.js') as {
  kafkaAclsOf(platform: unknown, options?: { connectGroup?: string }): Acl[];
  kafkaPrincipalsOf(platform: unknown): { user: string; passwordVar: string; kind: string }[];
};

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
const platformOf = (manifests: Manifest[]) => {
  const root = manifestRepository(manifests);
  roots.push(root);
  return loadContexts({ root });
};

/** `user` may do `operation` on topic or group `name`, literally or by a prefix ACL. */
const allowed = (acls: Acl[], user: string, type: string, name: string, operation: string) =>
  acls.some(
    (acl) =>
      acl.user === user &&
      acl.resource.type === type &&
      (acl.resource.patternType === 'literal' ? acl.resource.name === name : name.startsWith(acl.resource.name)) &&
      acl.operations.includes(operation),
  );

/** `harbour` publishes with a DLQ and consumes legacy STOCK; `ferry` consumes harbour's events. */
const harbour = {
  ...context('harbour', 3101),
  legacyTables: [{ table: 'STOCK', dlq: { partitions: 1, retentionMs: 1 } }],
};
const ferry = {
  ...context('ferry', 3102),
  consumes: [{ topic: 'harbour.events.v1', event: 'harbour.docked', versions: [1], handler: 'on-docked' }],
};

describe('Kafka principals and ACLs derived from the manifests', () => {
  const platform = platformOf([legacy(), harbour, ferry]);
  const acls = kafkaAclsOf(platform);
  const may = (user: string, operation: string, topic: string) => allowed(acls, user, 'topic', topic, operation);

  it('one principal per context service, one for Connect, one admin; each password in its own variable', () => {
    expect(kafkaPrincipalsOf(platform)).toEqual([
      { user: 'bascule-admin', passwordVar: 'KAFKA_ADMIN_PASSWORD', kind: 'admin' },
      { user: 'kafka-connect', passwordVar: 'CONNECT_KAFKA_PASSWORD', kind: 'connect' },
      { user: 'ferry-service', passwordVar: 'FERRY_KAFKA_PASSWORD', kind: 'context' },
      { user: 'harbour-service', passwordVar: 'HARBOUR_KAFKA_PASSWORD', kind: 'context' },
    ]);
  });

  it('only Connect writes the captured topics, and nobody else gets a prefix on them', () => {
    for (const table of ['CLIENTS', 'STOCK']) {
      expect(may('kafka-connect', 'Write', `legacy.public.${table}`)).toBe(true);
      expect(may('harbour-service', 'Write', `legacy.public.${table}`)).toBe(false);
      expect(may('ferry-service', 'Write', `legacy.public.${table}`)).toBe(false);
    }
    expect(may('kafka-connect', 'Write', 'legacy.transaction')).toBe(true);
    expect(may('kafka-connect', 'Write', '__debezium-heartbeat.legacy')).toBe(true);
    expect(acls.filter((acl) => acl.resource.patternType === 'prefix' && acl.resource.type === 'topic')).toEqual([
      {
        user: 'kafka-connect',
        resource: { type: 'topic', name: 'bascule-connect-', patternType: 'prefix' },
        operations: ['Read', 'Write', 'Describe', 'Create', 'DescribeConfigs'],
      },
    ]);
  });

  it('Connect writes its own topics and the captures only: no context topic, no DLQ', () => {
    for (const topic of ['harbour.events.v1', 'harbour.events.v1.dlq', 'harbour.legacy.STOCK.dlq'])
      expect(may('kafka-connect', 'Write', topic)).toBe(false);
    expect(may('kafka-connect', 'Write', 'bascule-connect-offsets')).toBe(true);
    expect(
      allowed(kafkaAclsOf(platform, { connectGroup: 'acl-connect' }), 'kafka-connect', 'group', 'acl-connect', 'Read'),
    ).toBe(true);
  });

  it('a context writes its own topic and DLQs, never another context’s topic', () => {
    expect(may('harbour-service', 'Write', 'harbour.events.v1')).toBe(true);
    expect(may('harbour-service', 'Write', 'harbour.events.v1.dlq')).toBe(true);
    expect(may('harbour-service', 'Write', 'harbour.legacy.STOCK.dlq')).toBe(true);
    expect(may('harbour-service', 'Read', 'harbour.legacy.STOCK.dlq')).toBe(true);
    expect(may('ferry-service', 'Write', 'harbour.events.v1')).toBe(false);
    expect(may('harbour-service', 'Write', 'ferry.events.v1')).toBe(false);
  });

  it('two contexts capturing one table each write their own dead-letter topic of it, never the other’s', () => {
    const dock = { ...context('dock', 3103), legacyTables: harbour.legacyTables };
    const both = kafkaAclsOf(platformOf([legacy(), harbour, dock]));
    const can = (user: string, operation: string, topic: string) => allowed(both, user, 'topic', topic, operation);
    expect(can('harbour-service', 'Read', 'legacy.public.STOCK')).toBe(true);
    expect(can('dock-service', 'Read', 'legacy.public.STOCK')).toBe(true);
    expect(can('harbour-service', 'Write', 'harbour.legacy.STOCK.dlq')).toBe(true);
    expect(can('dock-service', 'Write', 'dock.legacy.STOCK.dlq')).toBe(true);
    expect(can('harbour-service', 'Write', 'dock.legacy.STOCK.dlq')).toBe(false);
    expect(can('dock-service', 'Read', 'harbour.legacy.STOCK.dlq')).toBe(false);
    expect(both.some((acl) => acl.resource.name === 'legacy.public.STOCK.dlq')).toBe(false);
  });

  it('a context reads what it declares and nothing else; it sets aside poison messages in their DLQ', () => {
    expect(may('ferry-service', 'Read', 'harbour.events.v1')).toBe(true);
    expect(may('ferry-service', 'Write', 'harbour.events.v1.dlq')).toBe(true);
    expect(may('ferry-service', 'Read', 'legacy.public.STOCK')).toBe(false);
    expect(may('ferry-service', 'Read', 'legacy.transaction')).toBe(false);
    expect(may('harbour-service', 'Read', 'legacy.public.STOCK')).toBe(true);
    expect(may('harbour-service', 'Read', 'legacy.transaction')).toBe(true);
    expect(may('harbour-service', 'Read', 'legacy.public.CLIENTS')).toBe(false);
    expect(may('harbour-service', 'Read', 'ferry.events.v1')).toBe(false);
  });

  it('a context’s consumer groups are its service name and what it prefixes, not a longer name', () => {
    const group = (user: string, name: string) => allowed(acls, user, 'group', name, 'Read');
    expect(group('harbour-service', 'harbour-service')).toBe(true);
    expect(group('harbour-service', 'harbour-service.legacy-stock')).toBe(true);
    expect(group('harbour-service', 'harbour-service-service')).toBe(false);
    expect(group('harbour-service', 'ferry-service')).toBe(false);
  });

  it('the admin is a super user: no ACL names it', () => {
    expect(acls.filter((acl) => acl.user === 'bascule-admin')).toEqual([]);
  });
});
