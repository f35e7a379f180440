// Baseline for POST /clients: a bare Fastify handler running the same SQL transaction as client-service
// (client row + outbox row, same columns and trigger), with nothing around it. Run as its own process.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';

interface Body {
  givenName: string;
  familyName: string;
  email: string;
  phone: string | null;
  address: { line1: string; postalCode: string; city: string; country: string };
  companyId: string | null;
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 20) });
const server = Fastify();

server.post('/clients', async (request, reply) => {
  const body = request.body as Body;
  const id = randomUUID();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO clients (id, version, given_name, family_name, email, phone, address_line1, address_line2, postal_code, city, country, company_id, status)
       VALUES ($1, 1, $2, $3, $4, $5, $6, NULL, $7, $8, $9, $10, 'ACTIVE')`,
      [id, body.givenName, body.familyName, body.email, body.phone, body.address.line1, body.address.postalCode, body.address.city, body.address.country, body.companyId],
    );
    const event = { id: randomUUID(), type: 'client.client-registered', version: 1, payload: { clientId: id, ...body } };
    await client.query(`INSERT INTO outbox (id, aggregatetype, aggregateid, type, version, topic, payload, headers) VALUES ($1, 'client', $2, $3, 1, 'bench.baseline', $4, '{}')`, [event.id, id, event.type, JSON.stringify(event)]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return reply.status(201).send({ id, version: 1, ...body });
});

server.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => console.log('baseline ready'));
