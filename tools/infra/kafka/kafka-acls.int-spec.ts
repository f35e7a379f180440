import { randomBytes } from 'node:crypto';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  logLevel,
  Producer,
  ResourcePatternTypes,
  SASLOptions,
} from 'kafkajs';
import { createTopics, deleteTopics, testBrokers, testKafka } from '@bascule/shared/testing';

interface Principal {
  user: string;
  passwordVar: string;
  kind: 'admin' | 'connect' | 'context';
}
const { loadContexts, topicsOf } = require('../contexts/contexts.js') as {
  loadContexts(): { contexts: { service: string; topics: { name: string }[] }[] };
  topicsOf(platform: unknown): { topic: string; owner: string }[];
};
const { kafkaPrincipalsOf } = require('../contexts/kafka-acls.js') as {
  kafkaPrincipalsOf(platform: unknown): Principal[];
};

/**
 * The broker of broker.sh, with the users and ACLs it derived from the repository's manifests (ADR 0032), each
 * principal logged in with the password setup generated (kafka.env, loaded by local-secrets.js).
 */
describe('who may write what on Kafka', () => {
  const platform = loadContexts();
  const principals = kafkaPrincipalsOf(platform);
  const contexts = principals.filter((p) => p.kind === 'context');
  const connect = principals.find((p) => p.kind === 'connect') as Principal;
  const loginOf = (p: Principal): SASLOptions => ({
    mechanism: 'scram-sha-512',
    username: p.user,
    password: process.env[p.passwordVar] ?? `${p.passwordVar} is not set`,
  });
  const kafkaAs = (p: Principal) => testKafka(`acl-${p.user}`, loginOf(p));
  const anonymous = testKafka('acl-anonymous', null);
  const captured = topicsOf(platform).find((t) => t.topic.endsWith('.public.CLIENTS'))?.topic as string;
  const stranger = `harbour.events.v1.${randomBytes(4).toString('hex')}`;
  const producers: Producer[] = [];
  const manifestOf = (p: Principal) =>
    platform.contexts.find((c) => c.service === p.user) as unknown as { file: string; orchestratesSagas?: boolean };
  // A context's topics, with their dead-letter topics; an orchestrator owns none but the replies' dead-letter topic.
  const ownTopicsOf = (p: Principal): string[] => {
    const { file, orchestratesSagas } = manifestOf(p);
    const own = topicsOf(platform)
      .filter((t) => t.owner === file)
      .map((t) => t.topic);
    return orchestratesSagas ? [...own, 'saga.replies.v1.dlq'] : own;
  };

  beforeAll(() => createTopics(testKafka(), [stranger], 1));
  afterAll(async () => {
    await Promise.all(producers.map((p) => p.disconnect().catch(() => undefined)));
    await deleteTopics(testKafka(), [stranger]);
  });

  /** The error a send ends with, and its Kafka error code name (`TOPIC_AUTHORIZATION_FAILED`): undefined if sent. */
  const send = async (kafka: Kafka, topic: string, value: string, allowAutoTopicCreation = false) => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation });
    producers.push(producer);
    try {
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'forged', value }] });
      return undefined;
    } catch (error) {
      const e = error as { type?: string; name: string; cause?: { type?: string }; originalError?: { type?: string } };
      return e.type ?? e.cause?.type ?? e.originalError?.type ?? e.name;
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  };
  // Were a forged record accepted (the test failing), the legacy sync would set it aside as poison: nothing erased.
  const forged = JSON.stringify({ forged: 'kafka-acls.int-spec' });

  it('every context principal is refused a forged record on the captured CLIENTS topic', async () => {
    expect(contexts.length).toBeGreaterThan(0);
    for (const p of contexts)
      expect([p.user, await send(kafkaAs(p), captured, forged)]).toEqual([p.user, 'TOPIC_AUTHORIZATION_FAILED']);
  });

  // A record on the captured topic of a shared broker would reach the services' legacy sync: Connect's own write is
  // shown on the connector's heartbeat topic (which nothing consumes) and its ACL on the captured topic read back.
  it('Connect writes the capture’s topics: its ACL on CLIENTS, a record on the heartbeat topic', async () => {
    const heartbeat = captured.replace(/\.public\.CLIENTS$/, '').replace(/^/, '__debezium-heartbeat.');
    // Created by Connect if Debezium has not yet: Connect may create the topics it writes.
    expect(await send(kafkaAs(connect), heartbeat, JSON.stringify({ ts_ms: Date.now() }), true)).toBeUndefined();
    expect(await writersOf(captured)).toEqual([`User:${connect.user}`]);
  });

  it('an anonymous client (no SASL) cannot write, nor even read the topic list', async () => {
    expect(await send(anonymous, stranger, forged)).toBeDefined();
    const admin = anonymous.admin();
    await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow();
    await admin.disconnect().catch(() => undefined);
  });

  it('a wrong password is refused', async () => {
    const impostor = testKafka('acl-impostor', {
      mechanism: 'scram-sha-512',
      username: contexts[0].user,
      password: 'guessed',
    });
    expect(await send(impostor, stranger, forged)).toBe('KafkaJSSASLAuthenticationError');
  });

  it('a context cannot write another context’s topic, nor Connect a context’s', async () => {
    for (const p of contexts) {
      const others = platform.contexts.filter((c) => c.service !== p.user).flatMap((c) => c.topics.map((t) => t.name));
      for (const topic of [stranger, ...others])
        expect([p.user, topic, await send(kafkaAs(p), topic, forged)]).toEqual([
          p.user,
          topic,
          'TOPIC_AUTHORIZATION_FAILED',
        ]);
      const own = ownTopicsOf(p)[0];
      expect([own, await send(kafkaAs(connect), own, forged)]).toEqual([own, 'TOPIC_AUTHORIZATION_FAILED']);
    }
  });

  // A record on a context's events topic would reach its consumers: the dead-letter topics are written, the events
  // topics' ACLs read back.
  it('a context writes its own dead-letter topics with the idempotent producer the relay uses, and its events topics', async () => {
    for (const p of contexts) {
      const own = ownTopicsOf(p);
      expect(own.filter((topic) => topic.endsWith('.dlq')).length).toBeGreaterThan(0);
      for (const topic of own)
        if (topic.endsWith('.dlq')) expect([topic, await send(kafkaAs(p), topic, forged)]).toEqual([topic, undefined]);
        else expect([topic, await writersOf(topic)]).toEqual([topic, [`User:${p.user}`]]);
    }
  });

  it('only the orchestrator writes the participants’ commands topics, and only participants the replies', async () => {
    const orchestrators = contexts.filter((p) => manifestOf(p).orchestratesSagas).map((p) => `User:${p.user}`);
    const participants = platform.contexts.flatMap((c) => {
      const { sagaCommands } = c as { sagaCommands?: { topic: { name: string } } };
      return sagaCommands ? [{ service: c.service, commands: sagaCommands.topic.name }] : [];
    });
    expect([orchestrators.length, participants.length]).toEqual([1, expect.any(Number)]);
    for (const { commands } of participants)
      expect([commands, await writersOf(commands)]).toEqual([commands, orchestrators]);
    expect(await writersOf('saga.replies.v1')).toEqual(participants.map((c) => `User:${c.service}`).sort());
  });

  it('a context reads what it declares in its consumer group, and nothing else', async () => {
    const client = contexts.find((p) =>
      platform.contexts.some((c) => c.service === p.user && p.user === 'client-service'),
    );
    if (!client) return;
    const read = await readAs(kafkaAs(client), captured, `${client.user}.acl-${randomBytes(4).toString('hex')}`);
    expect(read).toBe('read');
    expect(await readAs(kafkaAs(client), stranger, `${client.user}.acl-${randomBytes(4).toString('hex')}`)).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    // kafkajs reports a refused FindCoordinator as "no coordinator": the broker's answer is in its log.
    const said: string[] = [];
    const logged = new Kafka({
      clientId: 'acl-other-group',
      brokers: testBrokers,
      sasl: loginOf(client),
      logLevel: logLevel.ERROR,
      logCreator: () => (entry) => said.push(String(entry.log.error ?? entry.log.message)),
    });
    expect(await readAs(logged, captured, `someone-else.${randomBytes(4).toString('hex')}`)).toBe(
      'KafkaJSGroupCoordinatorNotFound',
    );
    expect(said).toContain('Not authorized to access group: Group authorization failed');
  });
});

/** The principals an ACL allows to write `topic` (literal or prefix ACLs), as the admin reads them. */
async function writersOf(topic: string): Promise<string[]> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.TOPIC,
      resourceName: topic,
      resourcePatternType: ResourcePatternTypes.MATCH,
      operation: AclOperationTypes.WRITE,
      permissionType: AclPermissionTypes.ALLOW,
    });
    return resources.flatMap((r) => r.acls.map((acl) => acl.principal)).sort();
  } finally {
    await admin.disconnect();
  }
}

/** Consumes `topic` in `groupId`: 'read' once a fetch came back, else the error the broker refused it with. */
async function readAs(kafka: Kafka, topic: string, groupId: string): Promise<string> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, retry: { retries: 2 } });
  try {
    await consumer.connect();
    return await new Promise<string>((resolve) => {
      const failed = (error: unknown) => {
        const e = error as {
          type?: string;
          name: string;
          cause?: { type?: string };
          originalError?: { type?: string };
        };
        resolve(e.type ?? e.cause?.type ?? e.originalError?.type ?? e.name);
      };
      consumer.on(consumer.events.CRASH, ({ payload }) => failed(payload.error));
      consumer.on(consumer.events.FETCH, () => resolve('read'));
      consumer
        .subscribe({ topic, fromBeginning: true })
        .then(() => consumer.run({ eachMessage: async () => undefined }))
        .catch(failed);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}
