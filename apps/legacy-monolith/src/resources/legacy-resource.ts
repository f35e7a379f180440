import { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { LegacyError } from '../legacy-error';

/** One column as the legacy API shows it: JSON name, column, type, and what the old screens checked. */
export interface LegacyField {
  json: string;
  column: string;
  type: 'text' | 'integer' | 'amount';
  max?: number;
  required?: boolean;
  values?: string[];
  fallback?: string;
  /** Stored but never shown by the API (e.g. NO_SECU). */
  hidden?: boolean;
  /** Set by the system on creation, never by the caller (SQL expression). */
  generated?: string;
}

export interface LegacyResource {
  path: string;
  table: string;
  key: { json: string; column: string; type: 'integer' | 'text' };
  fields: LegacyField[];
  errors: { prefix: string; notFound: string };
}

const output = (field: LegacyField) => (field.type === 'amount' ? `"${field.column}"::text` : `"${field.column}"`);

/**
 * GET/POST {path}, GET/PUT/DELETE {path}/{key} over one legacy table, the way the 2008 monolith did it:
 * a flat row, French names, its own error codes. PUT replaces every writable column.
 */
export function legacyResourceRoutes(app: FastifyInstance, pool: Pool, resource: LegacyResource): void {
  const { path, table, key, fields, errors } = resource;
  const shown = fields.filter((f) => !f.hidden);
  const select = `SELECT "${key.column}" AS "${key.json}", ${shown.map((f) => `${output(f)} AS "${f.json}"`).join(', ')} FROM "${table}"`;
  const writable = fields.filter((f) => !f.generated);
  const notFound = () => new LegacyError(404, `${errors.prefix}-404`, errors.notFound);
  const keyOf = (raw: string) => {
    if (key.type === 'integer' && !/^\d{1,9}$/.test(raw)) throw notFound();
    return key.type === 'integer' ? Number(raw) : raw;
  };
  const find = async (id: unknown) => {
    const { rows } = await pool.query(`${select} WHERE "${key.column}" = $1`, [id]);
    if (!rows[0]) throw notFound();
    return rows[0];
  };
  const values = (body: unknown) => validate(body, writable, errors.prefix);

  app.get(path, async (request) => {
    const query = request.query as { page?: string; taille?: string };
    const taille = Math.min(Math.max(Number(query.taille) || 50, 1), 500);
    const page = Math.max(Number(query.page) || 1, 1);
    const { rows } = await pool.query(`${select} ORDER BY "${key.column}" LIMIT $1 OFFSET $2`, [
      taille,
      (page - 1) * taille,
    ]);
    return { page, taille, [resource.table.toLowerCase()]: rows };
  });

  app.get(`${path}/:key`, async (request) => find(keyOf((request.params as { key: string }).key)));

  app.post(path, async (request, reply) => {
    const input = values(request.body);
    const generated = fields.filter((f) => f.generated);
    const keyInput = key.type === 'text' ? [key.column] : [];
    const keyValue = key.type === 'text' ? [textKey(request.body, key.json, errors.prefix)] : [];
    const columns = [...keyInput, ...writable.map((f) => f.column), ...generated.map((f) => f.column)].map(
      (c) => `"${c}"`,
    );
    const placeholders = [...keyValue, ...input]
      .map((_, i) => `$${i + 1}`)
      .concat(generated.map((f) => f.generated as string));
    const { rows } = await pool
      .query(
        `INSERT INTO "${table}" (${columns.join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING "${key.column}" AS id`,
        [...keyValue, ...input],
      )
      .catch((error: { code?: string }) => {
        throw error.code === '23505'
          ? new LegacyError(409, `${errors.prefix}-409`, 'Enregistrement existant')
          : error.code === '23503'
            ? new LegacyError(400, `${errors.prefix}-405`, 'Reference inexistante')
            : error;
      });
    return reply.status(201).send(await find(rows[0].id));
  });

  app.put(`${path}/:key`, async (request) => {
    const id = keyOf((request.params as { key: string }).key);
    const input = values(request.body);
    const { rowCount } = await pool.query(
      `UPDATE "${table}" SET (${writable.map((f) => `"${f.column}"`).join(', ')}) = ROW(${input.map((_, i) => `$${i + 2}`).join(', ')}) WHERE "${key.column}" = $1`,
      [id, ...input],
    );
    if (!rowCount) throw notFound();
    return find(id);
  });

  app.delete(`${path}/:key`, async (request, reply) => {
    const { rowCount } = await pool
      .query(`DELETE FROM "${table}" WHERE "${key.column}" = $1`, [keyOf((request.params as { key: string }).key)])
      .catch((error: { code?: string }) => {
        throw error.code === '23503'
          ? new LegacyError(409, `${errors.prefix}-409`, 'Enregistrement reference ailleurs')
          : error;
      });
    if (!rowCount) throw notFound();
    return reply.status(204).send();
  });
}

function textKey(body: unknown, json: string, prefix: string): string {
  const value = (body as Record<string, unknown> | null)?.[json];
  if (typeof value !== 'string' || !value.trim() || value.length > 20)
    throw new LegacyError(400, `${prefix}-401`, `${json} obligatoire`);
  return value;
}

function validate(body: unknown, fields: LegacyField[], prefix: string): unknown[] {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new LegacyError(400, `${prefix}-400`, 'Requete invalide');
  const input = body as Record<string, unknown>;
  return fields.map((field) => {
    const value = input[field.json];
    if (value === undefined || value === null || value === '') {
      if (field.required) throw new LegacyError(400, `${prefix}-401`, `${field.json} obligatoire`);
      return field.fallback ?? null;
    }
    if (field.values && !field.values.includes(String(value)))
      throw new LegacyError(400, `${prefix}-402`, `${field.json} invalide`);
    const ok =
      field.type === 'text'
        ? typeof value === 'string' && value.length <= (field.max ?? 255)
        : field.type === 'integer'
          ? Number.isInteger(value)
          : /^-?\d{1,10}(\.\d{1,2})?$/.test(String(value));
    if (!ok) throw new LegacyError(400, `${prefix}-403`, `Champ ${field.json} invalide`);
    return field.type === 'amount' ? String(value) : value;
  });
}
