import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ChildProcess, execFileSync } from 'node:child_process';
import { Pool } from 'pg';
import request from 'supertest';
import { clientIdOfLegacy } from '@bascule/anti-corruption';
import { createTestDatabase, createTopics, deleteTopics, eventually, readUntil, spawnTs, TestDatabase, testKafka, waitForExit, waitForOutput } from '@bascule/shared/testing';
import { freePort, RunningClientService, startClientService } from './client-service.harness';

const root = resolve(__dirname, '../../..');
const connectUrl = process.env.CONNECT_URL ?? 'http://127.0.0.1:8083';

/** Legacy writes → PostgreSQL WAL → Debezium on Kafka Connect → ACL → client-service, end to end. */
describe('legacy CLIENTS captured by Debezium reach client-service through the ACL', () => {
  const id = randomBytes(4).toString('hex');
  const prefix = `legacy${id}`;
  const topic = `${prefix}.public.CLIENTS`;
  const connector = `legacy-test-${id}`;
  const kafka = testKafka();
  let legacyDb: TestDatabase;
  let legacySql: Pool;
  let legacy: ChildProcess;
  let legacyUrl: string;
  let service: RunningClientService;

  const row = (nom: string, extra: Record<string, string | null> = {}) => ({ nom, prenom: 'Marie', email: `${nom.toLowerCase()}.${id}@exemple.fr`, telephone: '04 78 00 00 00', adresse1: '1 place Bellecour', codePostal: '69002', ville: 'LYON', noSecu: '285017512345678', dateNaissance: '01/01/1985', ...extra });
  const legacyCall = (method: string, path: string, body?: object) => fetch(`${legacyUrl}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const legacyGet = async (noClient: number) => {
    const answer = await legacyCall('GET', `/api/clients/${noClient}`);
    return { status: answer.status, body: await answer.json() };
  };
  const cloudGet = async (noClient: number) => {
    const answer = await request(service.app.getHttpServer()).get(`/legacy/api/clients/${noClient}`);
    return { status: answer.status, body: answer.body };
  };
  /** Waits until client-service's legacy contract answers exactly as the legacy monolith does. */
  const sameAnswer = async (noClient: number) => {
    let answers: object[] = [];
    // Through JSON so both answers have this realm's prototypes (fetch builds them outside Jest's sandbox).
    const same = () => isDeepStrictEqual(JSON.parse(JSON.stringify(answers[0])), JSON.parse(JSON.stringify(answers[1])));
    await eventually(async () => ((answers = [await cloudGet(noClient), await legacyGet(noClient)]), same()), 30_000, 200).catch(() => {
      throw new Error(`legacy contract of ${noClient} differs: client-service ${JSON.stringify(answers[0])}, legacy ${JSON.stringify(answers[1])}`);
    });
  };
  const create = async (body: object) => ((await (await legacyCall('POST', '/api/clients', body)).json()) as { noClient: number }).noClient;

  beforeAll(async () => {
    legacyDb = await createTestDatabase('legacy_cdc');
    legacySql = new Pool({ ...legacyDb.settings, max: 4 });
    await legacySql.query(readFileSync(resolve(__dirname, '../../legacy-monolith/sql/schema.sql'), 'utf8'));
    const port = await freePort();
    legacyUrl = `http://127.0.0.1:${port}`;
    legacy = spawnTs('apps/legacy-monolith/src/main.ts', { LEGACY_DATABASE: legacyDb.name, LEGACY_HTTP_PORT: String(port) });
    await waitForOutput(legacy, /legacy-monolith ready/);
    await createTopics(kafka, [`${topic}.dlq`], 1);
    service = await startClientService({ LEGACY_CDC: 'on', LEGACY_TOPIC_PREFIX: prefix, LEGACY_CONNECTOR_NAME: connector });
  });

  afterAll(async () => {
    await fetch(`${connectUrl}/connectors/${connector}`, { method: 'DELETE' }).catch(() => undefined);
    await service?.close();
    legacy?.kill('SIGTERM');
    if (legacy) await waitForExit(legacy);
    await legacySql?.end();
    await legacyDb?.drop();
    await deleteTopics(kafka, [topic, `${topic}.dlq`]);
  });

  it('snapshots, streams inserts, updates and deletes, quarantines what the model cannot take, and serves the legacy contract', async () => {
    const before = [await create(row('DUPONT')), await create(row('MARTIN', { pays: 'BE', adresse2: 'Bte 3' })), await create(row('DURAND', { statut: 'I' }))];
    const noEmail = await create(row('SANSMAIL', { email: null }));
    execFileSync(process.execPath, ['tools/infra/connect/register-connector.js'], {
      cwd: root,
      env: { ...process.env, LEGACY_CONNECTOR_NAME: connector, LEGACY_DATABASE: legacyDb.name, LEGACY_TOPIC_PREFIX: prefix, LEGACY_SLOT: `slot_${id}`, LEGACY_PUBLICATION: `pub_${id}`, PGUSER: legacyDb.settings.user, PGPASSWORD: legacyDb.settings.password },
    });

    for (const noClient of before) await sameAnswer(noClient);
    const ready = await eventually(async () => (await request(service.app.getHttpServer()).get('/health/ready')).body.details?.['legacy-cdc']);
    expect(ready).toMatchObject({ status: 'up', state: 'RUNNING', topic });
    expect((await cloudGet(before[1])).body).toMatchObject({ nom: 'MARTIN', pays: 'BE', adresse2: 'Bte 3', statut: 'A' });
    expect((await cloudGet(before[2])).body.statut).toBe('I');

    const streamed = await create(row('PETIT'));
    await sameAnswer(streamed);
    await legacyCall('PUT', `/api/clients/${streamed}`, row('PETIT', { ville: 'PARIS', codePostal: '75011', statut: 'I' }));
    await sameAnswer(streamed);
    expect((await cloudGet(streamed)).body).toMatchObject({ ville: 'PARIS', statut: 'I' });
    await legacyCall('DELETE', `/api/clients/${before[0]}`);
    await sameAnswer(before[0]);
    expect((await cloudGet(before[0])).body).toEqual({ codeErreur: 'CLI-404', libelle: 'Client inexistant' });

    const quarantined = await readUntil(kafka, `${topic}.dlq`, (m) => m.some((x) => x.key?.includes(String(noEmail))));
    expect(quarantined.find((m) => m.key?.includes(String(noEmail)))?.headers).toMatchObject({ dlq_reason: 'quarantined', dlq_error: 'EMAIL is empty' });
    expect((await cloudGet(noEmail)).status).toBe(404);

    await legacySql.query(`ALTER TABLE "CLIENTS" ADD COLUMN "FIDELITE" varchar(10)`);
    const afterAlter = await create(row('LEROY'));
    await sameAnswer(afterAlter);

    const captured = await readUntil(kafka, topic, (m) => m.some((x) => x.value?.includes('LEROY')));
    const bytes = captured.map((m) => m.value ?? '').join('\n');
    expect(bytes).not.toContain('285017512345678');
    expect(bytes).not.toContain('01/01/1985');

    const serviceDb = new Pool({ ...service.db.settings, max: 1 });
    const { rows } = await serviceDb.query('SELECT type, headers FROM outbox WHERE aggregateid = $1 ORDER BY seq', [clientIdOfLegacy(afterAlter)]);
    await serviceDb.end();
    expect(rows).toEqual([{ type: 'client.client-registered', headers: expect.objectContaining({ origin_system: 'legacy', correlation_id: expect.stringMatching(/^legacy-lsn-\d+$/) }) }]);
  });
});
