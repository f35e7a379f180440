/**
 * @exclusive SIGKILLs the shared Kafka Connect worker and restarts it (connect.sh start): every suite's
 * connectors stop meanwhile; then 1,000 clients under write load.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { ChildProcess, execFile } from 'node:child_process';
import { Pool } from 'pg';
import { clientIdOfLegacy } from '@bascule/anti-corruption';
import { MasterKey, PersonalFields, rowsOf, SubjectKeys } from '@bascule/shared/persistence';
import {
  connectorRunning,
  connectWorkerPid,
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  ReadMessage,
  readUntil,
  registerSuiteConnector,
  secretsDir,
  serviceRole,
  spawnTs,
  TestDatabase,
  testKafka,
  topicEnd,
  waitForExit,
  waitForGroupAt,
  waitForOutput,
  watchOffsetCommits,
  workerProperty,
} from '@bascule/shared/testing';
import { freePort, RunningClientService, startClientService } from './client-service.harness';

const root = resolve(__dirname, '../../..');
const connectUrl = process.env.CONNECT_URL ?? 'http://127.0.0.1:8083';

/** Legacy writes → PostgreSQL WAL → Debezium on Kafka Connect → ACL → client-service, end to end. */
describe('legacy CLIENTS captured by Debezium reach client-service through the ACL', () => {
  const id = randomBytes(4).toString('hex');
  const prefix = `legacy${id}`;
  const topic = `${prefix}.public.CLIENTS`;
  /** Client's own dead-letter topic of CLIENTS (ADR 0044). */
  const dlq = `client.${prefix}.CLIENTS.dlq`;
  const connector = `legacy-test-${id}`;
  // A group of its own: other client-services on the shared broker would otherwise be handed this topic's partitions.
  const group = `client-service.legacy-clients.${id}`;
  const kafka = testKafka();
  let legacyDb: TestDatabase;
  let legacySql: Pool;
  let legacy: ChildProcess;
  let legacyUrl: string;
  let service: RunningClientService;

  const row = (nom: string, extra: Record<string, string | null> = {}) => ({
    nom,
    prenom: 'Marie',
    email: `${nom.toLowerCase()}.${id}@exemple.fr`,
    telephone: '04 78 00 00 00',
    adresse1: '1 place Bellecour',
    codePostal: '69002',
    ville: 'LYON',
    noSecu: '285017512345678',
    dateNaissance: '01/01/1985',
    ...extra,
  });
  const legacyCall = (method: string, path: string, body?: object) =>
    fetch(`${legacyUrl}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
  const legacyGet = async (noClient: number) => {
    const answer = await legacyCall('GET', `/api/clients/${noClient}`);
    return { status: answer.status, body: await answer.json() };
  };
  const cloudGet = async (noClient: number) => {
    const answer = await service.http().get(`/legacy/api/clients/${noClient}`);
    return { status: answer.status, body: answer.body };
  };
  /** Waits until client-service's legacy contract answers exactly as the legacy monolith does. */
  const sameAnswer = async (noClient: number) => {
    let answers: object[] = [];
    // Through JSON so both answers have this realm's prototypes (fetch builds them outside Jest's sandbox).
    const same = () =>
      isDeepStrictEqual(JSON.parse(JSON.stringify(answers[0])), JSON.parse(JSON.stringify(answers[1])));
    await eventually(
      async () => ((answers = [await cloudGet(noClient), await legacyGet(noClient)]), same()),
      30_000,
      200,
    ).catch(() => {
      throw new Error(
        `legacy contract of ${noClient} differs: client-service ${JSON.stringify(answers[0])}, legacy ${JSON.stringify(answers[1])}`,
      );
    });
  };
  const create = async (body: object) =>
    ((await (await legacyCall('POST', '/api/clients', body)).json()) as { noClient: number }).noClient;

  beforeAll(async () => {
    legacyDb = await createTestDatabase('legacy_cdc', serviceRole('LEGACY'));
    legacySql = new Pool({ ...legacyDb.settings, max: 4 });
    await legacySql.query(readFileSync(resolve(__dirname, '../../legacy-monolith/sql/schema.sql'), 'utf8'));
    const port = await freePort();
    legacyUrl = `http://127.0.0.1:${port}`;
    legacy = spawnTs('apps/legacy-monolith/src/main.ts', {
      LEGACY_DATABASE: legacyDb.name,
      LEGACY_HTTP_PORT: String(port),
    });
    await waitForOutput(legacy, /legacy-monolith ready/);
    await createTopics(kafka, [dlq], 1);
    service = await startClientService({
      LEGACY_CDC: 'on',
      LEGACY_TOPIC_PREFIX: prefix,
      LEGACY_CONNECTOR_NAME: connector,
      LEGACY_CONSUMER_GROUP: group,
    });
  });

  afterAll(async () => {
    await fetch(`${connectUrl}/connectors/${connector}`, { method: 'DELETE' }).catch(() => undefined);
    await service?.close();
    legacy?.kill('SIGTERM');
    if (legacy) await waitForExit(legacy);
    await legacySql?.end();
    await legacyDb?.drop();
    await deleteTopics(kafka, [topic, dlq, `${prefix}.public.PAIEMENTS`, `${prefix}.public.COMMANDES`]);
    rmSync(resolve(secretsDir(), `test-${id}.properties`), { force: true });
  });

  it('snapshots, streams inserts, updates and deletes, quarantines what the model cannot take, and serves the legacy contract', async () => {
    const before = [
      await create(row('DUPONT')),
      await create(row('MARTIN', { pays: 'BE', adresse2: 'Bte 3' })),
      await create(row('DURAND', { statut: 'I' })),
    ];
    const noEmail = await create(row('SANSMAIL', { email: null }));
    const noGivenName = await create(row('SANSPRENOM', { prenom: null }));
    // This suite's own database and salt, through the worker's FileConfigProvider like the installation's (ADR 0013).
    registerSuiteConnector({ id, connector, database: legacyDb.name, topicPrefix: prefix });

    for (const noClient of [...before, noEmail]) await sameAnswer(noClient);
    const ready = await eventually(
      async () => (await service.http().get('/health/details')).body.details?.['legacy-cdc'],
    );
    expect(ready).toMatchObject({ status: 'up', state: 'RUNNING', topic });
    expect((await cloudGet(before[1])).body).toMatchObject({
      nom: 'MARTIN',
      pays: 'BE',
      adresse2: 'Bte 3',
      statut: 'A',
    });
    expect((await cloudGet(before[2])).body.statut).toBe('I');

    const streamed = await create(row('PETIT'));
    await sameAnswer(streamed);
    await legacyCall(
      'PUT',
      `/api/clients/${streamed}`,
      row('PETIT', { ville: 'PARIS', codePostal: '75011', statut: 'I' }),
    );
    await sameAnswer(streamed);
    expect((await cloudGet(streamed)).body).toMatchObject({ ville: 'PARIS', statut: 'I' });
    await legacyCall('DELETE', `/api/clients/${before[0]}`);
    await sameAnswer(before[0]);
    expect((await cloudGet(before[0])).body).toEqual({ codeErreur: 'CLI-404', libelle: 'Client inexistant' });

    // A client legacy holds without email is served as legacy serves it (contact details incomplete, not corrupt),
    // and follows its email as legacy gives it one and takes it away.
    expect((await cloudGet(noEmail)).body).toMatchObject({ nom: 'SANSMAIL', email: null, statut: 'A' });
    await legacyCall('PUT', `/api/clients/${noEmail}`, row('SANSMAIL'));
    await sameAnswer(noEmail);
    expect((await cloudGet(noEmail)).body.email).toBe(`sansmail.${id}@exemple.fr`);
    await legacyCall('PUT', `/api/clients/${noEmail}`, row('SANSMAIL', { email: null, ville: 'VIENNE' }));
    await sameAnswer(noEmail);
    expect((await cloudGet(noEmail)).body).toMatchObject({ email: null, ville: 'VIENNE' });

    const quarantined = await readUntil(kafka, dlq, (m) => m.some((x) => x.key?.includes(String(noGivenName))));
    expect(quarantined.find((m) => m.key?.includes(String(noGivenName)))?.headers).toMatchObject({
      dlq_reason: 'quarantined',
      dlq_error: 'PRENOM is empty',
    });
    expect(quarantined.filter((m) => m.key?.includes(String(noEmail)))).toEqual([]);
    expect((await cloudGet(noGivenName)).status).toBe(404);

    await legacySql.query(`ALTER TABLE "CLIENTS" ADD COLUMN "FIDELITE" varchar(10)`);
    const afterAlter = await create(row('LEROY'));
    await sameAnswer(afterAlter);

    const captured = await readUntil(kafka, topic, (m) => m.some((x) => x.value?.includes('LEROY')));
    const bytes = captured.map((m) => m.value ?? '').join('\n');
    expect(bytes).not.toContain('285017512345678');
    expect(bytes).not.toContain('01/01/1985');
    expect(JSON.parse(captured.find((m) => m.value?.includes('LEROY'))?.value ?? '{}').after.NO_SECU).toMatch(
      /^[0-9a-f]{64}$/,
    ); // HMAC-SHA-256 with the salt

    const [{ no }] = (
      await legacySql.query(
        `INSERT INTO "COMMANDES" ("NO_CLIENT", "DATE_COMMANDE", "STATUT", "MONTANT_TOTAL") VALUES ($1, '25/11/2026', 'V', 12.50) RETURNING "NO_COMMANDE" AS no`,
        [afterAlter],
      )
    ).rows;
    await legacySql.query(
      `INSERT INTO "PAIEMENTS" ("NO_COMMANDE", "MONTANT", "MODE", "IBAN") VALUES ($1, 12.50, 'V', 'FR7630006000011234567890189')`,
      [no],
    );
    const payments = await readUntil(kafka, `${prefix}.public.PAIEMENTS`, (m) => m.length > 0);
    const payment = JSON.parse(payments[0].value ?? '{}').after;
    expect(payment).toMatchObject({ MONTANT: '12.50', IBAN: 'FR*********************0189' });
    expect(payments.map((m) => m.value).join('')).not.toContain('FR7630006000011234567890189');

    const serviceDb = new Pool({ ...service.db.settings, max: 1 });
    const { rows } = await serviceDb.query('SELECT type, headers FROM outbox_all WHERE aggregateid = $1 ORDER BY seq', [
      clientIdOfLegacy(afterAlter),
    ]);
    await serviceDb.end();
    expect(rows).toEqual([
      {
        type: 'client.client-registered',
        headers: expect.objectContaining({
          origin_system: 'legacy',
          correlation_id: expect.stringMatching(/^legacy-lsn-\d+$/),
        }),
      },
    ]);
  });

  it('applies a legacy change replayed twice only once, even an older one after a newer', async () => {
    const noClient = await create(row('REJOUE'));
    await sameAnswer(noClient);
    await legacyCall('PUT', `/api/clients/${noClient}`, row('REJOUE', { ville: 'GRENOBLE', codePostal: '38000' }));
    await sameAnswer(noClient);
    const captured = changesOf(await readUntil(kafka, topic, (m) => changesOf(m, noClient).length >= 2), noClient);
    const [creation, move] = [captured[0], captured[captured.length - 1]];
    expect(await historyOf([noClient])).toEqual({ [noClient]: ['registered LYON', 'moved GRENOBLE'] });

    // The creation (older) twice, then the move again: each was applied already, so none may change anything.
    await replay([creation, creation, move]);
    expect(await historyOf([noClient])).toEqual({ [noClient]: ['registered LYON', 'moved GRENOBLE'] });
    expect((await cloudGet(noClient)).body).toMatchObject({ ville: 'GRENOBLE', codePostal: '38000' });
    await sameAnswer(noClient);
  });

  it('sends a malformed Debezium record through the running consumer to the DLQ with its reason, and applies the next change', async () => {
    const noClient = await create(row('SUIVANT'));
    await sameAnswer(noClient);
    const [creation] = changesOf(await readUntil(kafka, topic, (m) => changesOf(m, noClient).length === 1), noClient);
    const malformed = `{"before":null,"after":{"NO_CLIENT":${noClient},"NOM":"SUIVANT"`;
    // On the client's own partition, so the change written next comes after it.
    await replay([{ ...creation, value: malformed }]);
    await legacyCall('PUT', `/api/clients/${noClient}`, row('SUIVANT', { ville: 'NANTES', codePostal: '44000' }));
    await sameAnswer(noClient);
    expect((await cloudGet(noClient)).body.ville).toBe('NANTES');

    // Sealed with the client's key (ADR 0033): the service's database opens it back to what legacy wrote.
    const isMalformed = (m: ReadMessage) => m.headers.dlq_reason === 'malformed' && m.key?.includes(String(noClient));
    const dead = await readUntil(kafka, dlq, (m) => m.some(isMalformed));
    const letter = dead.find(isMalformed);
    expect(letter?.headers).toMatchObject({
      dlq_original_topic: topic,
      dlq_error: expect.stringMatching(/.+/),
      dlq_sealed: 'true',
    });
    const serviceDb = new Pool({ ...service.db.settings, max: 1 });
    const personal = new PersonalFields(new SubjectKeys(MasterKey.fromEnv()));
    const opened = await personal.openBytes(rowsOf(serviceDb), Buffer.from(letter?.value ?? ''));
    await serviceDb.end();
    expect(opened?.toString()).toBe(malformed);
    expect(await historyOf([noClient])).toEqual({ [noClient]: ['registered LYON', 'moved NANTES'] });
  });

  it('applies every change exactly once when Kafka Connect is SIGKILLed between offset flushes under write load, and serves 1,000 clients exactly as legacy', async () => {
    const [{ first }] = (await legacySql.query(`SELECT nextval('"SEQ_CLIENTS"') + 1 AS first`)).rows;
    const expected = new Map<number, string[]>();
    const note = (rows: { no: number; ville: string }[], what: string) =>
      rows.forEach((r) => expected.set(r.no, [...(expected.get(r.no) ?? []), `${what} ${r.ville}`]));
    const insert = (from: number, count: number) =>
      legacySql.query(
        `INSERT INTO "CLIENTS" ("NOM", "PRENOM", "EMAIL", "TELEPHONE", "ADRESSE1", "ADRESSE2", "CODE_POSTAL", "VILLE", "PAYS", "STATUT", "DATE_CREATION", "NO_SECU")
         SELECT 'NOM' || n, 'Prenom' || n, 'client' || n || '.${id}@exemple.fr', CASE WHEN n % 3 = 0 THEN NULL ELSE '06 12 34 ' || lpad((n % 100)::text, 2, '0') || ' 00' END,
                n || ' avenue de la Gare', CASE WHEN n % 4 = 0 THEN 'Bat. ' || n ELSE NULL END, lpad((n % 95 + 1)::text, 2, '0') || '000', 'VILLE' || (n % 50),
                CASE WHEN n % 10 = 0 THEN 'BE' WHEN n % 10 = 1 THEN 'DE' ELSE NULL END, CASE WHEN n % 7 = 0 THEN 'I' ELSE 'A' END,
                lpad((n % 28 + 1)::text, 2, '0') || '/0' || (n % 9 + 1) || '/20' || lpad((n % 15 + 8)::text, 2, '0'), 'SECU' || n
           FROM generate_series($1::int, $2::int) AS n
         RETURNING "NO_CLIENT" AS no, "VILLE" AS ville`,
        [from, from + count - 1],
      );
    // Every update writes a value of its own (round and client), so each change is visible in the history.
    const move = (round: number) =>
      legacySql.query(
        `UPDATE "CLIENTS" SET "VILLE" = 'V' || $3::int || '-' || "NO_CLIENT", "STATUT" = CASE WHEN "STATUT" = 'A' THEN 'I' ELSE 'A' END
          WHERE "NO_CLIENT" >= $1 AND "NO_CLIENT" % 5 = $2 RETURNING "NO_CLIENT" AS no, "VILLE" AS ville`,
        [first, round % 5, round],
      );
    const flushInterval = Number(
      workerProperty(resolve(root, 'tools/infra/connect/worker.properties'), 'offset.flush.interval.ms'),
    );
    const flushes = await watchOffsetCommits(kafka, connector);
    let writing = true;
    const writer = (async () => {
      for (let round = 0; round < 20; round++) {
        note((await insert(round * 50, 50)).rows, 'registered');
        note((await move(round)).rows, 'moved');
        await new Promise((r) => setTimeout(r, 150));
      }
      writing = false;
    })();
    let restarted: Promise<unknown> | undefined;
    try {
      // Kill half an interval after a flush seen while changes stream: what came since is unflushed.
      const seen = flushes.commits.length;
      await eventually(async () => flushes.commits.length > seen, 10 * flushInterval, 20);
      const flushed = flushes.commits.length;
      await eventually(async () => flushes.commits.length > flushed, 10 * flushInterval, 20);
      await new Promise((r) => setTimeout(r, flushInterval / 2));
      expect(writing).toBe(true);
      process.kill(connectWorkerPid(), 'SIGKILL');
      restarted = promisify(execFile)('bash', ['tools/infra/connect/connect.sh', 'start'], { cwd: root });
      await writer;
    } finally {
      await restarted;
      await flushes.stop();
    }
    await connectorRunning(connector);

    const clients = [...expected.keys()];
    expect(clients.length).toBe(1_000);
    const want = Object.fromEntries([...expected].map(([no, changes]) => [no, changes]));
    let got: Record<number, string[]> = {};
    await eventually(async () => isDeepStrictEqual((got = await historyOf(clients)), want), 180_000, 2_000).catch(
      () => undefined,
    );
    // Then until the consumer has passed everything on the topic (replays included), and once more.
    await waitForGroupAt(kafka, group, topic, await topicEnd(kafka, topic), 120_000);
    got = await historyOf(clients);
    const wrong = clients.filter((no) => !isDeepStrictEqual(got[no], want[no]));
    expect(wrong.slice(0, 3).map((no) => ({ no, applied: got[no], written: want[no] }))).toEqual([]);

    // The kill landed between flushes: the restarted worker sent some of this test's changes a second time.
    const size = Object.values(await topicEnd(kafka, topic)).reduce((sum, offset) => sum + Number(offset), 0);
    const onTopic = await readUntil(kafka, topic, (m) => m.length >= size, 60_000);
    const copies = new Map<string, number>();
    for (const m of onTopic.filter(
      (x) =>
        expected.has(JSON.parse(x.key ?? '{}').NO_CLIENT) && x.value?.startsWith('{"before"') && x.value.endsWith('}'),
    )) {
      const lsn = JSON.parse(m.value ?? '{}').source?.lsn;
      if (lsn) copies.set(`${m.key}@${lsn}`, (copies.get(`${m.key}@${lsn}`) ?? 0) + 1);
    }
    expect([...copies.values()].filter((n) => n > 1).length).toBeGreaterThan(0);

    const all = async (path: string) => {
      const rows: { noClient: number }[] = [];
      for (let page = 1; ; page++) {
        const answer = path.startsWith('/legacy')
          ? (await service.http().get(`${path}?taille=500&page=${page}`)).body
          : await (await legacyCall('GET', `${path}?taille=500&page=${page}`)).json();
        rows.push(...answer.clients.filter((c: { noClient: number }) => c.noClient >= Number(first)));
        if (answer.clients.length < 500) return JSON.parse(JSON.stringify(rows));
      }
    };
    const [cloud, legacyRows] = [await all('/legacy/api/clients'), await all('/api/clients')];
    expect(cloud.length).toBe(1_000);
    expect(cloud).toEqual(legacyRows);
  }, 600_000);

  /** Changes of one legacy client on the captured topic, in order. */
  function changesOf(messages: ReadMessage[], noClient: number): ReadMessage[] {
    return messages.filter((m) => JSON.parse(m.key ?? '{}').NO_CLIENT === noClient && m.value);
  }

  /** Produces captured records again, each to the partition it was read from, and waits until client-service's consumer has passed them. */
  async function replay(messages: ReadMessage[]): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    try {
      for (const m of messages)
        await producer.send({
          topic,
          messages: [{ partition: m.partition, key: m.key, value: m.value, headers: m.headers }],
        });
    } finally {
      await producer.disconnect();
    }
    await waitForGroupAt(kafka, group, topic, await topicEnd(kafka, topic), 60_000);
  }

  /** client-service's history of these legacy clients: its outbox, registrations and moves with their city, in order. */
  async function historyOf(noClients: number[]): Promise<Record<number, string[]>> {
    const byId = new Map(noClients.map((no) => [clientIdOfLegacy(no), no]));
    const serviceDb = new Pool({ ...service.db.settings, max: 1 });
    try {
      const { rows } = await serviceDb.query(
        `SELECT aggregateid, type, payload->'payload' AS payload FROM outbox_all
          WHERE aggregateid = ANY($1) AND type IN ('client.client-registered', 'client.client-address-changed') ORDER BY seq`,
        [[...byId.keys()]],
      );
      // The addresses are sealed (ADR 0033): opened with this test's master key.
      const personal = new PersonalFields(new SubjectKeys(MasterKey.fromEnv()));
      const history: Record<number, string[]> = Object.fromEntries(noClients.map((no) => [no, []]));
      for (const r of rows) {
        const { address } = (await personal.open(rowsOf(serviceDb), r.payload)) as { address: { city: string } };
        history[byId.get(r.aggregateid) ?? -1]?.push(
          `${r.type === 'client.client-registered' ? 'registered' : 'moved'} ${address.city}`,
        );
      }
      return history;
    } finally {
      await serviceDb.end();
    }
  }
});
