import { Injectable } from '@nestjs/common';
import { ClientListFilter, ClientPage, ClientReadModel, ClientView } from '@bascule/client/application';
import { executorOf, poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { toView } from './client-persistence.mapper';
import { ClientRow } from './client.row';

/** Queries straight from the `clients` table; keyset pagination on (created_at, id). */
@Injectable()
export class PgClientReadModel implements ClientReadModel {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  async get(id: string): Promise<ClientView | undefined> {
    // Inside a request's transaction (an idempotent creation answers with the client it made), read in it.
    const rows = await executorOf(this.pool).query<ClientRow>('SELECT * FROM clients WHERE id = $1', [id]);
    return rows[0] ? toView(rows[0]) : undefined;
  }

  async list(filter: ClientListFilter): Promise<ClientPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (filter.status) where.push(`status = ${bind(filter.status)}`);
    if (filter.email) where.push(`email = ${bind(filter.email.trim().toLowerCase())}`);
    if (filter.text) {
      const text = bind(`%${filter.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
      where.push(`(given_name ILIKE ${text} OR family_name ILIKE ${text} OR email ILIKE ${text})`);
    }
    if (filter.cursor)
      where.push(`(created_at, id) > (SELECT created_at, id FROM clients WHERE id = ${bind(filter.cursor)})`);
    const sql = `SELECT * FROM clients ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id LIMIT ${bind(filter.limit + 1)}`;
    const { rows } = await this.pool.query<ClientRow>(sql, params);
    const items = rows.slice(0, filter.limit).map(toView);
    return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1].id : null };
  }
}
