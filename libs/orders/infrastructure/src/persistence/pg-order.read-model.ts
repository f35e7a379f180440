import { Injectable } from '@nestjs/common';
import { OrderFilter, OrderPage, OrderReadModel, OrderView } from '@bascule/orders/application';
import { executorOf, poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { totalColumns, OrderRow, totalInclVatColumns } from './order.table';
import { OrderStatus } from '@bascule/orders/domain';
import { OrderLineRow, orderLineViewOf } from './order-line.table';

const view = (row: OrderRow): Omit<OrderView, 'orderLines'> => ({
  id: row.id,
  version: row.version,
  clientId: row.client_id,
  total: totalColumns.fromRow(row).toJSON(),
  totalInclVat: totalInclVatColumns.optionalFromRow(row)?.toJSON() ?? null,
  status: row.status as OrderStatus,
  reason: row.reason,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Queries straight from `orders`; keyset pagination on (created_at, id). */
@Injectable()
export class PgOrderReadModel implements OrderReadModel {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  /** In the caller's transaction when there is one: a creation under an Idempotency-Key answers before it commits. */
  async get(id: string): Promise<OrderView | undefined> {
    const rows = await executorOf(this.pool).query<OrderRow>('SELECT * FROM orders WHERE id = $1', [id]);
    return rows[0] ? (await this.views([rows[0]]))[0] : undefined;
  }

  async list({ clientId, status, cursor, limit }: OrderFilter): Promise<OrderPage> {
    // $2/$3 are null when not asked: one statement, one plan, whatever the filter.
    const after = cursor ? 'AND (created_at, id) > (SELECT created_at, id FROM orders WHERE id = $4)' : '';
    const { rows } = await this.pool.query<OrderRow>(
      `SELECT * FROM orders
        WHERE ($2::uuid IS NULL OR client_id = $2) AND ($3::text IS NULL OR status = $3) ${after}
        ORDER BY created_at, id LIMIT $1`,
      [limit + 1, clientId ?? null, status ?? null, ...(cursor ? [cursor] : [])],
    );
    const items = await this.views(rows.slice(0, limit));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  /** The views of `rows` with their children, one query per child table. */
  private async views(rows: OrderRow[]): Promise<OrderView[]> {
    const ids = rows.map((row) => row.id);
    const orderLineRows = await executorOf(this.pool).query<OrderLineRow>(
      'SELECT * FROM order_lines WHERE order_id = ANY($1) ORDER BY order_id, position',
      [ids],
    );
    return rows.map((row) => ({
      ...view(row),
      orderLines: orderLineRows.filter((child) => child.order_id === row.id).map(orderLineViewOf),
    }));
  }
}
