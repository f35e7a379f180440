import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { createTestDatabase } from '@bascule/shared/testing';
import { clientDatabaseOptions } from '@bascule/client/infrastructure';
import { DataSource } from 'typeorm';
import { createClientApp } from '../apps/client-service/src/create-client-app';
import { loadRegistrations, progress, Row } from './bench-kit';

/** (1) POST /clients through client-service vs a bare Fastify handler running the same SQL transaction. */
export async function benchHttpRegister(seconds: number): Promise<Row[]> {
  const db = await createTestDatabase('bench_http');
  process.env.CLIENT_DATABASE = db.name;
  process.env.LOG_LEVEL = 'silent';
  await (await new DataSource(clientDatabaseOptions()).initialize()).destroy(); // migrations
  const app = await createClientApp({ host: '127.0.0.1', httpPort: 0, grpcPort: 0, bodyLimitBytes: 65536 });
  await app.listen(0, '127.0.0.1');
  const serviceUrl = `${await app.getUrl()}/clients`.replace('[::1]', '127.0.0.1');
  const baseline = await bareFastify(db.settings);
  try {
    const rows: Row[] = [];
    for (const [label, rate, connections] of [['fixed 1,000 req/s', 1000, 20], ['saturation', undefined, 50]] as const) {
      progress(`POST /clients, ${label}: client-service (${seconds} s)`);
      const ours = await loadRegistrations(serviceUrl, seconds, connections, rate);
      progress(`POST /clients, ${label}: bare Fastify + same SQL (${seconds} s)`);
      const base = await loadRegistrations(baseline.url, seconds, connections, rate);
      if (ours.errors || base.errors) progress(`errors: client-service ${ours.errors}, baseline ${base.errors}`);
      rows.push(
        { scenario: `POST /clients ${label}`, measure: 'req/s', bascule: ours.rps, baseline: base.rps, higherIsBetter: true },
        { scenario: `POST /clients ${label}`, measure: 'p50 ms', bascule: ours.p50, baseline: base.p50, higherIsBetter: false },
        { scenario: `POST /clients ${label}`, measure: 'p99 ms', bascule: ours.p99, baseline: base.p99, higherIsBetter: false },
      );
    }
    return rows;
  } finally {
    await app.close();
    await baseline.close();
    await db.drop();
  }
}

/** The same transaction client-service runs (client row + outbox row), with no framework around it. */
async function bareFastify(settings: { host: string; port: number; user: string; password: string; database: string }) {
  const pool = new Pool({ ...settings, max: 20 });
  const server = Fastify();
  server.post('/clients', async (request, reply) => {
    const body = request.body as ReturnType<typeof import('./bench-kit').registrationBody>;
    const id = randomUUID();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO clients (id, version, given_name, family_name, email, phone, address_line1, address_line2, postal_code, city, country, company_id, status) VALUES ($1, 1, $2, $3, $4, $5, $6, NULL, $7, $8, $9, $10, 'ACTIVE')`,
        [id, body.givenName, body.familyName, body.email, body.phone, body.address.line1, body.address.postalCode, body.address.city, body.address.country, body.companyId],
      );
      const event = { id: randomUUID(), type: 'client.client-registered', version: 1, payload: { clientId: id, ...body } };
      await client.query(`INSERT INTO outbox (id, aggregatetype, aggregateid, type, version, topic, payload, headers) VALUES ($1, 'client', $2, $3, 1, 'bench', $4, '{}')`, [event.id, id, event.type, JSON.stringify(event)]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    return reply.status(201).send({ id, version: 1, ...body });
  });
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${address}/clients`, close: async () => (await server.close(), await pool.end()) };
}
