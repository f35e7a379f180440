import { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { LegacyError } from '../legacy-error';

const SELECT = `SELECT "NO_COMMANDE" AS "noCommande", "NO_CLIENT" AS "noClient", "DATE_COMMANDE" AS "dateCommande", "STATUT" AS statut, "MONTANT_TOTAL"::text AS "montantTotal" FROM "COMMANDES"`;
const LINES = `SELECT "NO_LIGNE" AS "noLigne", "REF_ARTICLE" AS "refArticle", "QUANTITE" AS quantite, "PRIX_UNITAIRE"::text AS "prixUnitaire" FROM "LIGNES_COMMANDE" WHERE "NO_COMMANDE" = $1 ORDER BY "NO_LIGNE"`;
const notFound = () => new LegacyError(404, 'CMD-404', 'Commande inexistante');

interface Line {
  refArticle: string;
  quantite: number;
  prixUnitaire: string;
}

function orderKey(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
}

function linesOf(body: unknown): { noClient: number; lignes: Line[] } {
  const input = body as { noClient?: unknown; lignes?: unknown } | null;
  if (!input || !Number.isInteger(input.noClient)) throw new LegacyError(400, 'CMD-401', 'noClient obligatoire');
  if (!Array.isArray(input.lignes) || input.lignes.length === 0)
    throw new LegacyError(400, 'CMD-402', 'Au moins une ligne');
  for (const line of input.lignes as Line[]) {
    if (
      typeof line?.refArticle !== 'string' ||
      !Number.isInteger(line.quantite) ||
      line.quantite <= 0 ||
      !/^\d{1,8}(\.\d{1,2})?$/.test(String(line.prixUnitaire))
    )
      throw new LegacyError(400, 'CMD-403', 'Ligne invalide');
  }
  return { noClient: input.noClient as number, lignes: input.lignes as Line[] };
}

/** Orders with their lines, written in one transaction as the old order screen did. */
export function commandesRoutes(app: FastifyInstance, pool: Pool): void {
  const find = async (no: number) => {
    const { rows } = await pool.query(`${SELECT} WHERE "NO_COMMANDE" = $1`, [no]);
    if (!rows[0]) throw notFound();
    return { ...rows[0], lignes: (await pool.query(LINES, [no])).rows };
  };

  app.get('/api/commandes', async (request) => {
    const query = request.query as { page?: string; taille?: string; noClient?: string };
    const taille = Math.min(Math.max(Number(query.taille) || 50, 1), 500);
    const page = Math.max(Number(query.page) || 1, 1);
    const filter =
      query.noClient && /^\d+$/.test(query.noClient) ? `WHERE "NO_CLIENT" = ${Number(query.noClient)}` : '';
    const { rows } = await pool.query(`${SELECT} ${filter} ORDER BY "NO_COMMANDE" LIMIT $1 OFFSET $2`, [
      taille,
      (page - 1) * taille,
    ]);
    return { page, taille, commandes: rows };
  });

  app.get('/api/commandes/:no', async (request) => find(orderKey((request.params as { no: string }).no)));

  app.post('/api/commandes', async (request, reply) => {
    const { noClient, lignes } = linesOf(request.body);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(
        `INSERT INTO "COMMANDES" ("NO_CLIENT", "DATE_COMMANDE", "STATUT") VALUES ($1, to_char(now(), 'DD/MM/YYYY'), 'E') RETURNING "NO_COMMANDE" AS no`,
        [noClient],
      );
      const no = rows[0].no as number;
      for (const [index, line] of lignes.entries()) {
        await client.query(`INSERT INTO "LIGNES_COMMANDE" VALUES ($1, $2, $3, $4, $5)`, [
          no,
          index + 1,
          line.refArticle,
          line.quantite,
          line.prixUnitaire,
        ]);
      }
      await client.query(
        `UPDATE "COMMANDES" SET "MONTANT_TOTAL" = (SELECT sum("QUANTITE" * "PRIX_UNITAIRE") FROM "LIGNES_COMMANDE" WHERE "NO_COMMANDE" = $1) WHERE "NO_COMMANDE" = $1`,
        [no],
      );
      await client.query('COMMIT');
      return reply.status(201).send(await find(no));
    } catch (error) {
      await client.query('ROLLBACK');
      throw (error as { code?: string }).code === '23503'
        ? new LegacyError(400, 'CMD-404', 'Client inexistant')
        : error;
    } finally {
      client.release();
    }
  });

  app.put('/api/commandes/:no', async (request) => {
    const no = orderKey((request.params as { no: string }).no);
    const statut = (request.body as { statut?: unknown } | null)?.statut;
    if (!['E', 'V', 'L', 'A'].includes(String(statut))) throw new LegacyError(400, 'CMD-405', 'Statut invalide');
    const { rowCount } = await pool.query(`UPDATE "COMMANDES" SET "STATUT" = $2 WHERE "NO_COMMANDE" = $1`, [
      no,
      statut,
    ]);
    if (!rowCount) throw notFound();
    return find(no);
  });

  app.delete('/api/commandes/:no', async (request, reply) => {
    const { rowCount } = await pool
      .query(`DELETE FROM "COMMANDES" WHERE "NO_COMMANDE" = $1`, [orderKey((request.params as { no: string }).no)])
      .catch((error: { code?: string }) => {
        throw error.code === '23503' ? new LegacyError(409, 'CMD-409', 'Commande payee ou facturee') : error;
      });
    if (!rowCount) throw notFound();
    return reply.status(204).send();
  });
}
