import { Injectable } from '@nestjs/common';
import { StockReservationPage, StockReservationReadModel, StockReservationView } from '@bascule/inventory/application';
import { executorOf, poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { StockReservationRow } from './stock-reservation.table';
import { StockReservationStatus } from '@bascule/inventory/domain';
import { StockReservationLineRow, stockReservationLineViewOf } from './stock-reservation-line.table';

const view = (row: StockReservationRow): Omit<StockReservationView, 'stockReservationLines'> => ({
  id: row.id,
  version: row.version,
  status: row.status as StockReservationStatus,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Queries straight from `stock_reservations`; keyset pagination on (created_at, id). */
@Injectable()
export class PgStockReservationReadModel implements StockReservationReadModel {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  /** In the caller's transaction, if any: a creation under Idempotency-Key answers from inside the key's transaction. */
  async get(id: string): Promise<StockReservationView | undefined> {
    const rows = await executorOf(this.pool).query<StockReservationRow>(
      'SELECT * FROM stock_reservations WHERE id = $1',
      [id],
    );
    return rows[0] ? (await this.views([rows[0]]))[0] : undefined;
  }

  async list({ cursor, limit }: { cursor?: string; limit: number }): Promise<StockReservationPage> {
    const after = cursor
      ? 'WHERE (created_at, id) > (SELECT created_at, id FROM stock_reservations WHERE id = $2)'
      : '';
    const { rows } = await this.pool.query<StockReservationRow>(
      `SELECT * FROM stock_reservations ${after} ORDER BY created_at, id LIMIT $1`,
      cursor ? [limit + 1, cursor] : [limit + 1],
    );
    const items = await this.views(rows.slice(0, limit));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  /** The views of `rows` with their children, one query per child table. */
  private async views(rows: StockReservationRow[]): Promise<StockReservationView[]> {
    const ids = rows.map((row) => row.id);
    const stockReservationLineRows = await executorOf(this.pool).query<StockReservationLineRow>(
      'SELECT * FROM stock_reservation_lines WHERE stock_reservation_id = ANY($1) ORDER BY stock_reservation_id, position',
      [ids],
    );
    return rows.map((row) => ({
      ...view(row),
      stockReservationLines: stockReservationLineRows
        .filter((child) => child.stock_reservation_id === row.id)
        .map(stockReservationLineViewOf),
    }));
  }
}
