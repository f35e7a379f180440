import Fastify, { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { commandesRoutes } from './resources/commandes.routes';
import { legacyResourceRoutes } from './resources/legacy-resource';
import { CLIENTS, PAIEMENTS, STOCK } from './resources/legacy-resources';
import { LegacyError } from './legacy-error';

export interface LegacyAppOptions {
  pool: Pool;
  /** Added to every answer: the guide's legacy system answers in 2.1 s; tests use less. */
  latencyMs: number;
}

/** The 2008 system we migrate from: a deliberately plain monolith over one shared database. */
export function buildLegacyApp({ pool, latencyMs }: LegacyAppOptions): FastifyInstance {
  const app = Fastify({ bodyLimit: 64 * 1024 });
  if (latencyMs > 0) app.addHook('onRequest', () => new Promise<void>((resolve) => setTimeout(resolve, latencyMs)));
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof LegacyError) return reply.status(error.status).send(error.body);
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500) return reply.status(400).send({ codeErreur: 'GEN-400', libelle: 'Requete invalide' });
    reply.log.error(error);
    return reply.status(500).send({ codeErreur: 'GEN-500', libelle: 'Erreur technique' });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ codeErreur: 'GEN-404', libelle: 'Ressource inexistante' }),
  );
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async () => (await pool.query('SELECT 1'), { status: 'ok' }));
  for (const resource of [CLIENTS, STOCK, PAIEMENTS]) legacyResourceRoutes(app, pool, resource);
  commandesRoutes(app, pool);
  return app;
}
