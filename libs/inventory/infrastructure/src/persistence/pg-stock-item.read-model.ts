import { Injectable } from '@nestjs/common';
import { StockItemPage, StockItemReadModel, StockItemView } from '@bascule/inventory/application';
import { executorOf, poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { unitPriceColumns, StockItemRow } from './stock-item.table';

const view = (row: StockItemRow): StockItemView => ({
  id: row.id,
  version: row.version,
  sku: row.sku,
  label: row.label,
  unitPrice: unitPriceColumns.fromRow(row).toJSON(),
  vatRate: row.vat_rate,
  onHand: row.on_hand,
  reserved: row.reserved,
  available: row.on_hand - row.reserved,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Queries straight from `stock_items`; keyset pagination on (created_at, id). */
@Injectable()
export class PgStockItemReadModel implements StockItemReadModel {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  /** In the caller's transaction, if any: a creation under Idempotency-Key answers from inside the key's transaction. */
  async get(id: string): Promise<StockItemView | undefined> {
    const rows = await executorOf(this.pool).query<StockItemRow>('SELECT * FROM stock_items WHERE id = $1', [id]);
    return rows[0] ? view(rows[0]) : undefined;
  }

  async list({ cursor, limit }: { cursor?: string; limit: number }): Promise<StockItemPage> {
    const after = cursor ? 'WHERE (created_at, id) > (SELECT created_at, id FROM stock_items WHERE id = $2)' : '';
    const { rows } = await this.pool.query<StockItemRow>(
      `SELECT * FROM stock_items ${after} ORDER BY created_at, id LIMIT $1`,
      cursor ? [limit + 1, cursor] : [limit + 1],
    );
    const items = rows.slice(0, limit).map(view);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }
}
