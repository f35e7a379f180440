import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import request from 'supertest';
import { clientIdOfLegacy } from '@bascule/anti-corruption';
import { createTestDatabase, createTopics, deleteTopics, eventually, readUntil, TestDatabase, testKafka } from '@bascule/shared/testing';
import { buildLegacyApp } from '../../legacy-monolith/src/legacy-app';
import { RunningClientService, startClientService } from './client-service.harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { registerConnector } = require('../../../tools/infra/connect/register-connector.js');
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
  let legacy: FastifyInstance;
  let service: RunningClientService;

  const row = (nom: string, extra: Record<string, string | null> = {}) => ({ nom, prenom: 'Marie', email: `${nom.toLowerCase()}.${id}@exemple.fr`, telephone: '04 78 00 00 00', adresse1: '1 place Bellecour', codePostal: '69002', ville: 'LYON', noSecu: '285017512345678', dateNaissance: '01/01/1985', ...extra });
  const legacyGet = async (noClient: number) => {
    const answer = await legacy.inject({ method: 'GET', url: `/api/clients/${noClient}` });
    return { status: answer.statusCode, body: answer.json() };
  };
  const cloudGet = async (noClient: number) => {
    const answer = await request(service.app.getHttpServer()).get(`/legacy/api/clients/${noClient}`);
    return { status: answer.status, body: answer.body };
  };
  const sameAnswer = (noClient: number) => eventually(async () => isDeepStrictEqual(await cloudGet(noClient), await legacyGet(noClient)), 30_000, 200);
  const create = async (body: object) => (await legacy.inject({ method: 'POST', url: '/api/clients', payload: body })).json().noClient as number;

  beforeAll(async () => {
    legacyDb = await createTestDatabase('legacy_cdc');
    legacySql = new Pool({ ...legacyDb.settings, max: 4 });
    await legacySql.query(readFileSync(resolve(__dirname, '../../legacy-monolith/sql/schema.sql'), 'utf8'));
    legacy = buildLegacyApp({ pool: legacySql, latencyMs: 0 });
    await createTopics(kafka, [`${topic}.dlq`], 1);
    service = await startClientService({ LEGACY_CDC: 'on', LEGACY_TOPIC_PREFIX: prefix });
  });

  afterAll(async () => {
    await fetch(`${connectUrl}/connectors/${connector}`, { method: 'DELETE' }).catch(() => undefined);
    await service?.close();
    await legacy?.close();
    await legacySql?.end();
    await legacyDb?.drop();
    await deleteTopics(kafka, [topic, `${topic}.dlq`]);
  });

  it('snapshots, streams inserts, updates and deletes, quarantines what the model cannot take, and serves the legacy contract', async () => {
    const before = [await create(row('DUPONT')), await create(row('MARTIN', { pays: 'BE', adresse2: 'Bte 3' })), await create(row('DURAND', { statut: 'I' }))];
    const noEmail = await create(row('SANSMAIL', { email: null }));
    await registerConnector({ ...process.env, LEGACY_CONNECTOR_NAME: connector, LEGACY_DATABASE: legacyDb.name, LEGACY_TOPIC_PREFIX: prefix, LEGACY_SLOT: `slot_${id}`, LEGACY_PUBLICATION: `pub_${id}`, PGUSER: legacyDb.settings.user, PGPASSWORD: legacyDb.settings.password });

    for (const noClient of before) await sameAnswer(noClient);
    expect((await cloudGet(before[1])).body).toMatchObject({ nom: 'MARTIN', pays: 'BE', adresse2: 'Bte 3', statut: 'A' });
    expect((await cloudGet(before[2])).body.statut).toBe('I');

    const streamed = await create(row('PETIT'));
    await sameAnswer(streamed);
    await legacy.inject({ method: 'PUT', url: `/api/clients/${streamed}`, payload: row('PETIT', { ville: 'PARIS', codePostal: '75011', statut: 'I' }) });
    await sameAnswer(streamed);
    expect((await cloudGet(streamed)).body).toMatchObject({ ville: 'PARIS', statut: 'I' });
    await legacy.inject({ method: 'DELETE', url: `/api/clients/${before[0]}` });
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
