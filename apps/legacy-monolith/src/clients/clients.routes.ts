import { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { LegacyError } from '../legacy-error';
import { LegacyClient, SELECT_CLIENT, WRITABLE, writableValues } from './legacy-client';

const columns = WRITABLE.map(([, column]) => `"${column}"`);

function noClientOf(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new LegacyError(404, 'CLI-404', 'Client inexistant');
  return Number(raw);
}

/** GET/POST /api/clients, GET/PUT/DELETE /api/clients/{noClient}: the contract existing consumers call. */
export function clientsRoutes(app: FastifyInstance, pool: Pool): void {
  const find = async (noClient: number) => {
    const { rows } = await pool.query<LegacyClient>(`${SELECT_CLIENT} WHERE "NO_CLIENT" = $1`, [noClient]);
    if (!rows[0]) throw new LegacyError(404, 'CLI-404', 'Client inexistant');
    return rows[0];
  };

  app.get('/api/clients', async (request) => {
    const query = request.query as { page?: string; taille?: string };
    const taille = Math.min(Math.max(Number(query.taille) || 50, 1), 500);
    const page = Math.max(Number(query.page) || 1, 1);
    const { rows } = await pool.query<LegacyClient>(`${SELECT_CLIENT} ORDER BY "NO_CLIENT" LIMIT $1 OFFSET $2`, [taille, (page - 1) * taille]);
    return { page, taille, clients: rows };
  });

  app.get('/api/clients/:noClient', async (request) => find(noClientOf((request.params as { noClient: string }).noClient)));

  app.post('/api/clients', async (request, reply) => {
    const values = writableValues(request.body);
    const { rows } = await pool.query<{ noClient: number }>(
      `INSERT INTO "CLIENTS" (${columns.join(', ')}, "DATE_CREATION") VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}, to_char(now(), 'DD/MM/YYYY')) RETURNING "NO_CLIENT" AS "noClient"`,
      values,
    );
    return reply.status(201).send(await find(rows[0].noClient));
  });

  app.put('/api/clients/:noClient', async (request) => {
    const noClient = noClientOf((request.params as { noClient: string }).noClient);
    const values = writableValues(request.body);
    const { rowCount } = await pool.query(`UPDATE "CLIENTS" SET (${columns.join(', ')}) = (${columns.map((_, i) => `$${i + 2}`).join(', ')}) WHERE "NO_CLIENT" = $1`, [noClient, ...values]);
    if (!rowCount) throw new LegacyError(404, 'CLI-404', 'Client inexistant');
    return find(noClient);
  });

  app.delete('/api/clients/:noClient', async (request, reply) => {
    const { rowCount } = await pool.query(`DELETE FROM "CLIENTS" WHERE "NO_CLIENT" = $1`, [noClientOf((request.params as { noClient: string }).noClient)]);
    if (!rowCount) throw new LegacyError(404, 'CLI-404', 'Client inexistant');
    return reply.status(204).send();
  });
}
