import { randomBytes, randomInt } from 'node:crypto';
import { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { clientIdOfLegacy } from '@bascule/anti-corruption';
import { CLIENT_EVENTS_TOPIC } from '@bascule/client/contracts';
import { ERASED_FIELD, MasterKey, PersonalFields, rowsOf, SubjectKeys } from '@bascule/shared/persistence';
import {
  createTestDatabase,
  createTopics,
  serviceRole,
  eventually,
  ReadMessage,
  readUntil,
  spawnTs,
  suiteCapture,
  TestDatabase,
  testKafka,
  tokenFor,
  topicEnd,
  waitForGroupAt,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import { aRegistration } from './client-fixtures';
import { freePort } from './client-service.harness';

const root = resolve(__dirname, '../../..');

/**
 * GDPR: after erasure nothing personal is left anywhere client-service keeps data (every table of its
 * database, every message of its topic and dead letters, read from the beginning), a later legacy change to an
 * erased client is dropped with nothing kept of it (ADR 0033), and its logs never held any. The service runs as a child process
 * with LOG_LEVEL=debug so every line it writes is captured. Legacy changes are real: rows written in a legacy
 * database of this suite's own, captured by the real Debezium connector on Kafka Connect (registered as
 * production does, tools/infra/connect/register-connector.js) under a topic prefix of its own.
 */
describe('erasure leaves nothing personal, and logs never carry personal data', () => {
  const id = randomBytes(4).toString('hex');
  // The real connector on this suite's legacy database, its CLIENTS only, as production registers it.
  const legacyCapture = suiteCapture({
    id,
    name: 'erasure',
    context: 'client',
    tables: ['CLIENTS'],
    schema: readFileSync(resolve(root, 'apps/legacy-monolith/sql/schema.sql'), 'utf8'),
    owner: serviceRole('LEGACY'),
    registration: 'production',
    partitions: 1,
  });
  const { prefix, connector } = legacyCapture;
  const legacyTopic = legacyCapture.topicOf('CLIENTS');
  /** Client's own dead-letter topic of CLIENTS (ADR 0044). */
  const legacyDlq = legacyCapture.dlqOf('CLIENTS');
  const kafka = testKafka();
  const cloud = {
    givenName: `Zelda${id}`,
    familyName: `Quixote${id}`,
    email: `zelda.${id}@example.com`,
    phone: `+44 20 ${randomInt(1000, 9999)} ${randomInt(1000, 9999)}`,
  };
  const renamed = { givenName: `Zorro${id}`, familyName: `Quimby${id}` };
  const newEmail = `zorro.${id}@example.org`;
  const legacy = {
    NOM: `LEGRAND${id}`.toUpperCase(),
    PRENOM: `Ysolde${id}`,
    EMAIL: `ysolde.${id}@exemple.fr`,
    TELEPHONE: `04 ${randomInt(10, 99)} ${randomInt(10, 99)} ${randomInt(10, 99)} ${randomInt(10, 99)}`,
  };
  const legacyNewEmail = `ysolde.new.${id}@exemple.fr`;
  // Written in legacy after the erasure (legacy keeps the person until write-back exists): never applied, never kept.
  const lateLegacy = { EMAIL: `ysolde.late.${id}@exemple.fr`, TELEPHONE: `06 ${randomInt(10, 99)} 11 22 33` };
  const group = `client-service.legacy-clients.${id}`;
  const quarantinedEmail = `ysolde.at.${id}`;
  const badEmail = `not-an-email-${id}`;
  const noClient = randomInt(100_000, 900_000);
  let db: TestDatabase;
  let legacySql: Pool;
  let service: ChildProcess;
  let base: string;
  let metricsBase: string;
  let logs = '';

  const json = async (method: string, path: string, body?: object, headers: Record<string, string> = {}) => {
    const answer = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        authorization: `Bearer ${await tokenFor()}`,
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await answer.text();
    return { status: answer.status, etag: answer.headers.get('etag') ?? '', body: text ? JSON.parse(text) : null };
  };
  /** A CLIENTS row as legacy writes it: `insert` a new one, or `update` some of its columns, in the legacy database. */
  const legacyRow = { NO_CLIENT: noClient, ADRESSE1: '3 quai Saint-Antoine', CODE_POSTAL: '69002', VILLE: 'LYON' };
  const insertClient = async (row: Record<string, unknown>) => {
    const values = { ...legacyRow, STATUT: 'A', DATE_CREATION: '02/03/2009', ...legacy, ...row };
    const columns = Object.keys(values);
    await legacySql.query(
      `INSERT INTO "CLIENTS" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      Object.values(values),
    );
  };
  const updateClient = async (no: number, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    await legacySql.query(
      `UPDATE "CLIENTS" SET ${columns.map((c, i) => `"${c}" = $${i + 2}`).join(', ')} WHERE "NO_CLIENT" = $1`,
      [no, ...Object.values(row)],
    );
  };
  /** The captured topic's records, in total (one partition): what Debezium has written so far. */
  const captured = async () => Object.values(await topicEnd(kafka, legacyTopic)).reduce((n, end) => n + Number(end), 0);

  beforeAll(async () => {
    // As client-service's own role (ADR 0013): migrations and erasure need no more than it has.
    db = await createTestDatabase('erasure', serviceRole('CLIENT'));
    await legacyCapture.start();
    legacySql = legacyCapture.legacy;
    await createTopics(kafka, [CLIENT_EVENTS_TOPIC, `${CLIENT_EVENTS_TOPIC}.dlq`], 6);
    await legacyCapture.register();
    const [httpPort, grpcPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
    base = `http://127.0.0.1:${httpPort}`;
    metricsBase = `http://127.0.0.1:${metricsPort}`;
    service = spawnTs('apps/client-service/src/main.ts', {
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      PGUSER: db.settings.user,
      PGPASSWORD: db.settings.password,
      CLIENT_DATABASE: db.name,
      CLIENT_HTTP_PORT: String(httpPort),
      CLIENT_GRPC_PORT: String(grpcPort),
      CLIENT_METRICS_PORT: String(metricsPort),
      LEGACY_CDC: 'on',
      LEGACY_TOPIC_PREFIX: prefix,
      LEGACY_CONSUMER_GROUP: group,
      LEGACY_CONNECTOR_NAME: connector,
    });
    const capture = (chunk: Buffer) => (logs += chunk.toString());
    service.stdout?.on('data', capture);
    service.stderr?.on('data', capture);
    await waitForOutput(service, /client-service ready/, 90_000);
  });

  afterAll(async () => {
    if (service && service.exitCode === null) {
      service.kill('SIGTERM');
      await waitForExit(service);
    }
    await legacyCapture.close();
    await db?.drop();
  });

  it('finds none of the erased clients’ names, emails or phones in any table, in the DLQ headers or in the logs', async () => {
    // A client of the cloud: registered with an Idempotency-Key, renamed, email changed, searched, refused once.
    const created = await json('POST', '/clients', aRegistration(cloud), { 'idempotency-key': `erasure-${id}` });
    expect(created.status).toBe(201);
    const clientId = created.body.id as string;
    expect((await json('POST', `/clients/${clientId}/rename`, renamed, { 'if-match': '"1"' })).status).toBe(200);
    expect(
      (await json('POST', `/clients/${clientId}/change-email`, { email: newEmail }, { 'if-match': '"2"' })).status,
    ).toBe(200);
    expect(
      (await json('GET', `/clients?email=${encodeURIComponent(newEmail)}&text=${renamed.familyName}&limit=5`)).body
        .items,
    ).toHaveLength(1);
    expect((await json('POST', '/clients', aRegistration({ ...cloud, email: newEmail }))).status).toBe(409);
    expect(
      (await json('POST', `/clients/${clientId}/change-email`, { email: badEmail }, { 'if-match': '"3"' })).status,
    ).toBe(400);

    // A client of the legacy system: created, then its email changed there; then a row the model refuses (its email is taken).
    await insertClient({});
    await updateClient(noClient, { EMAIL: legacyNewEmail });
    const legacyId = clientIdOfLegacy(noClient);
    await eventually(
      async () => (await json('GET', `/clients/${legacyId}`)).body?.email === legacyNewEmail,
      30_000,
      200,
    );
    // And a change of the legacy client the ACL quarantines (its email is not one), before the erasure.
    await insertClient({ NO_CLIENT: noClient + 1, NOM: `${legacy.NOM}BIS`, EMAIL: legacyNewEmail });
    await updateClient(noClient, { EMAIL: quarantinedEmail });
    const dead = await readUntil(kafka, legacyDlq, (m) => m.length >= 2, 30_000);
    expect(dead[0].headers.dlq_error).toBe('CLIENT.EMAIL_TAKEN (field email)'); // its code and field, never the domain's message
    expect(dead.map((letter) => letter.headers.dlq_sealed)).toEqual(['true', 'true']);

    // Both erased.
    for (const erased of [clientId, legacyId]) {
      const { etag } = await json('GET', `/clients/${erased}`);
      expect((await json('POST', `/clients/${erased}/erase`, undefined, { 'if-match': etag })).status).toBe(200);
    }
    const replay = await json('POST', '/clients', aRegistration(cloud), { 'idempotency-key': `erasure-${id}` });
    expect(replay).toMatchObject({ status: 201, body: { id: clientId } });

    // Legacy changes the erased client's row: a new email and phone, then an email the ACL would quarantine. Both
    // captured by Debezium (two more records on the topic), then consumed by the service.
    const before = await captured();
    await updateClient(noClient, lateLegacy);
    await updateClient(noClient, { ...lateLegacy, EMAIL: `${badEmail}-late` });
    await eventually(async () => (await captured()) === before + 2, 60_000, 200);
    const lateChanges = (await readAll(kafka, legacyTopic)).slice(before);
    expect(lateChanges.map((change) => JSON.parse(change.value ?? '{}').after?.EMAIL)).toEqual([
      lateLegacy.EMAIL,
      `${badEmail}-late`,
    ]);
    await waitForGroupAt(kafka, group, legacyTopic, await topicEnd(kafka, legacyTopic));
    expect(await metric(metricsBase, 'bascule_acl_erased_dropped_total', 'table="CLIENTS"')).toBe(2);
    expect((await json('GET', `/clients/${legacyId}`)).body).toMatchObject({ status: 'ERASED' });

    const needles = [
      cloud.givenName,
      cloud.familyName,
      cloud.email,
      cloud.phone,
      renamed.givenName,
      renamed.familyName,
      newEmail,
      legacy.NOM,
      legacy.PRENOM,
      legacy.EMAIL,
      legacy.TELEPHONE,
      legacyNewEmail,
      lateLegacy.EMAIL,
      lateLegacy.TELEPHONE,
      quarantinedEmail,
    ];
    // Not vacuous: the rows that held them are still there (outbox rows unsent, or published and kept in outbox_sent).
    const holders = (await hitsIn(db, [clientId, legacyId]))
      .map((hit) => hit.split(':')[0])
      .map((table) => (table === 'outbox_sent' ? 'outbox' : table));
    expect(holders).toEqual(
      expect.arrayContaining(['clients', 'outbox', 'idempotency_keys', 'legacy_client_keys', 'subject_keys']),
    );
    expect(await hitsIn(db, needles)).toEqual([]);

    // Every event of the topic from the beginning: the erased clients' events are there, their personal fields
    // sealed with a key that no longer exists; nothing in clear, in a value, a key or a header.
    await eventually(async () => (await unsentEvents(db)) === 0, 60_000, 200);
    const events = await readAll(kafka, CLIENT_EVENTS_TOPIC);
    const ours = events.filter((event) => event.key === clientId || event.key === legacyId);
    expect(ours.filter((event) => event.value?.includes('"client.client-erased"'))).toHaveLength(2);
    expect(ours.filter((event) => event.value?.includes('"givenName":"pd1.'))).not.toHaveLength(0);
    expect(foundIn(events, needles.concat(badEmail))).toEqual([]);
    expect(foundIn(await readAll(kafka, `${CLIENT_EVENTS_TOPIC}.dlq`), needles)).toEqual([]);
    // The connector's transaction metadata holds ids and counts only. (`<prefix>.public.CLIENTS` itself mirrors the
    // legacy database, which keeps the person until write-back exists: ADR 0033.)
    expect(foundIn(await readAll(kafka, `${prefix}.transaction`), needles.concat(`${badEmail}-late`))).toEqual([]);
    // The legacy dead letters: sealed with their subject's key. The erased client's one, set aside before its erasure,
    // opens no more; the later changes were dropped, not set aside. The other row's opens, for whoever repairs it.
    const letters = await readAll(kafka, legacyDlq);
    expect(letters).toHaveLength(2);
    expect(foundIn(letters, needles.concat(`${badEmail}-late`, `${legacy.NOM}BIS`))).toEqual([]);
    const sql = new Pool({ ...db.settings, max: 1 });
    const personal = new PersonalFields(new SubjectKeys(MasterKey.fromEnv()));
    const opened = await Promise.all(letters.map((l) => personal.openBytes(rowsOf(sql), Buffer.from(l.value ?? ''))));
    await sql.end();
    expect(opened[0]?.toString()).toContain(`${legacy.NOM}BIS`);
    expect(opened[1]).toEqual(ERASED_FIELD);

    service.kill('SIGTERM');
    await waitForExit(service);
    expect(logs).toContain('email=[redacted]');
    expect(logs).toMatch(/POST \/clients\/[0-9a-f-]+\/erase 200/);
    expect(needles.concat(badEmail).filter((needle) => logs.toLowerCase().includes(needle.toLowerCase()))).toEqual([]);
  }, 300_000);
});

async function unsentEvents(db: TestDatabase): Promise<number> {
  const sql = new Client(db.settings);
  await sql.connect();
  try {
    return (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL')).rows[0].n;
  } finally {
    await sql.end();
  }
}

/** Every message of the topic, from the beginning to its end now. */
async function readAll(kafka: ReturnType<typeof testKafka>, topic: string): Promise<ReadMessage[]> {
  const end = await topicEnd(kafka, topic);
  const total = Object.values(end).reduce((sum, offset) => sum + Number(offset), 0);
  if (total === 0) return [];
  // Counted as they come (the shared topic holds every suite's events: thousands).
  const last = new Map<number, number>();
  let counted = 0;
  const reached = (messages: ReadMessage[]) => {
    for (; counted < messages.length; counted++) {
      const { partition, offset } = messages[counted];
      last.set(partition, Math.max(last.get(partition) ?? -1, Number(offset)));
    }
    return Object.entries(end).every(
      ([partition, offset]) => Number(offset) === 0 || (last.get(Number(partition)) ?? -1) >= Number(offset) - 1,
    );
  };
  return readUntil(kafka, topic, reached, 120_000);
}

/** `topic@partition:offset` of each message whose key, value or headers hold one of the needles. */
function foundIn(messages: ReadMessage[], needles: string[]): string[] {
  return messages
    .filter((m) => {
      const text = `${m.key} ${m.value} ${JSON.stringify(m.headers)}`.toLowerCase();
      return needles.some((needle) => text.includes(needle.toLowerCase()));
    })
    .map((m) => `${m.topic}@${m.partition}:${m.offset}`);
}

/** A counter's value on the service's /metrics (its management port), for the series with that label (0 when not there yet). */
async function metric(metricsBase: string, name: string, label: string): Promise<number> {
  const text = await (await fetch(`${metricsBase}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(label));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/** `table: count` for every table of the database whose rows, cast to text, contain any of the needles. */
async function hitsIn(db: TestDatabase, needles: string[]): Promise<string[]> {
  const sql = new Client(db.settings);
  await sql.connect();
  try {
    const { rows: tables } = await sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const hits: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table_name}" t WHERE t::text ILIKE ANY ($1)`,
        [needles.map((needle) => `%${needle}%`)],
      );
      if (rows[0].n > 0) hits.push(`${table_name}: ${rows[0].n}`);
    }
    return hits;
  } finally {
    await sql.end();
  }
}
