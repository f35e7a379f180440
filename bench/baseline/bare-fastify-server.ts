// Baseline for POST /clients: a bare Fastify handler doing the same work as client-service with nothing
// around it (no Nest, CQRS, domain model, logging middleware or tracing), as its own process:
// - the bearer JWT verified with jose against the same issuer's JWKS and the same role required, when
//   AUTH_ISSUER is set (otherwise no authentication, as client-service without its guard);
// - the body validated by Ajv, same options, against the same TypeBox schema (400 problem on failure);
// - the same SQL transaction: client row + outbox row (same columns, same NOTIFY trigger);
// - the created client read back and returned with Location and ETag;
// - the platform's outbox relay publishing the rows to Kafka in this process, as client-service runs it
//   (unless OUTBOX_RELAY=off, which client-service reads too), to BASELINE_TOPIC.
import { randomUUID } from 'node:crypto';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { FastifyReply } from 'fastify';
import { createRemoteJWKSet, JWTPayload, jwtVerify } from 'jose';
import { Pool } from 'pg';
import {
  createIdempotentProducer,
  createKafka,
  defaultRelayOptions,
  kafkaSettingsFromEnv,
  OutboxRelay,
} from '@bascule/shared/messaging';
import { envelopeHeaders, EventEnvelope } from '@bascule/shared/contracts';
import { RegisterClientBody } from '../../libs/client/interface/src/rest/client.schemas';

const topic = process.env.BASELINE_TOPIC ?? 'bench.baseline';
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 20) });
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false }), [
  'email',
  'uuid',
  'date-time',
  'date',
  'uri',
]);
const validate = ajv.compile<RegisterClientBody>(RegisterClientBody);
const server = Fastify({ bodyLimit: 64 * 1024 });
const problem = (reply: FastifyReply, status: number, code: string, detail: string) =>
  reply.status(status).type('application/problem+json').send({ type: 'about:blank', status, code, detail });

type Verify = (authorization: string | undefined) => Promise<{ status: 401 | 403; detail: string } | undefined>;

async function bearerVerifier(env: NodeJS.ProcessEnv): Promise<Verify> {
  if (!env.AUTH_ISSUER) return async () => undefined;
  const issuer = env.AUTH_ISSUER.replace(/\/$/, '');
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    jwks_uri: string;
    issuer: string;
  };
  const keys = createRemoteJWKSet(new URL(discovery.jwks_uri));
  const claimPath = (env.AUTH_ROLES_CLAIM ?? 'realm_access.roles').split('.');
  const options = {
    issuer: discovery.issuer,
    audience: env.AUTH_AUDIENCE || undefined,
    clockTolerance: 5,
    algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
  };
  return async (authorization) => {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return { status: 401, detail: 'bearer token required' };
    let claims: JWTPayload;
    try {
      claims = (await jwtVerify(token, keys, options)).payload;
    } catch {
      return { status: 401, detail: 'invalid bearer token' };
    }
    const roles = claimPath.reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], claims);
    return Array.isArray(roles) && roles.includes('client:write')
      ? undefined
      : { status: 403, detail: 'missing role client:write' };
  };
}

/** The same relay, options and pool size (3) as client-service's messaging module. */
async function startRelay(): Promise<() => Promise<void>> {
  if (process.env.OUTBOX_RELAY === 'off') return async () => undefined;
  const producer = createIdempotentProducer(createKafka(kafkaSettingsFromEnv('bench-baseline')));
  await producer.connect();
  const relayPool = new Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
  const relay = new OutboxRelay(relayPool, producer, { ...defaultRelayOptions, name: 'bench-baseline' });
  await relay.start();
  return async () => {
    await relay.stop();
    await producer.disconnect();
    await relayPool.end();
  };
}

async function main() {
  const verify = await bearerVerifier(process.env);
  const stopRelay = await startRelay();
  process.once('SIGTERM', () => void stopRelay().finally(() => process.exit(0)));
  server.post('/clients', async (request, reply) => {
    const refused = await verify(request.headers.authorization);
    if (refused)
      return problem(
        reply.header('www-authenticate', 'Bearer'),
        refused.status,
        refused.status === 401 ? 'AUTH.UNAUTHENTICATED' : 'AUTH.FORBIDDEN',
        refused.detail,
      );
    if (!validate(request.body))
      return problem(reply, 400, 'REQUEST.INVALID', JSON.stringify(validate.errors?.map((e) => e.instancePath)));
    const body = request.body;
    const id = randomUUID();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO clients (id, version, given_name, family_name, email, phone, address_line1, address_line2, postal_code, city, country, company_id, status)
         VALUES ($1, 1, $2, $3, $4, $5, $6, NULL, $7, $8, $9, $10, 'ACTIVE')`,
        [
          id,
          body.givenName,
          body.familyName,
          body.email,
          body.phone ?? null,
          body.address.line1,
          body.address.postalCode,
          body.address.city,
          body.address.country,
          body.companyId ?? null,
        ],
      );
      const event: EventEnvelope = {
        id: randomUUID(),
        type: 'client.client-registered',
        version: 1,
        aggregateType: 'client',
        aggregateId: id,
        aggregateVersion: 1,
        occurredAt: new Date().toISOString(),
        correlationId: String(request.id),
        causationId: null,
        originSystem: 'cloud',
        payload: { clientId: id, ...body },
      };
      await client.query(
        `INSERT INTO outbox (id, aggregatetype, aggregateid, type, version, topic, payload, headers) VALUES ($1, 'client', $2, $3, 1, $4, $5, $6)`,
        [event.id, id, event.type, topic, JSON.stringify(event), JSON.stringify(envelopeHeaders(event))],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    const { rows } = await pool.query('SELECT * FROM clients WHERE id = $1', [id]);
    const row = rows[0];
    const view = {
      id: row.id,
      version: row.version,
      givenName: row.given_name,
      familyName: row.family_name,
      email: row.email,
      phone: row.phone,
      address: {
        line1: row.address_line1,
        line2: row.address_line2,
        postalCode: row.postal_code,
        city: row.city,
        country: row.country,
      },
      companyId: row.company_id,
      status: row.status,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    return reply.status(201).header('location', `/clients/${id}`).header('etag', `"${row.version}"`).send(view);
  });
  await server.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  const auth = process.env.AUTH_ISSUER
    ? `verified against ${process.env.AUTH_ISSUER}`
    : 'not verified: AUTH_ISSUER unset';
  console.log(
    `baseline ready (bearer JWT ${auth}; outbox relay ${process.env.OUTBOX_RELAY === 'off' ? 'off' : `on, to ${topic}`})`,
  );
}

main().catch((error) => {
  console.error('baseline failed to start', error);
  process.exit(1);
});
