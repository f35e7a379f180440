import { LegacyStockContract, LegacyStockJson, LegacyStockKept, renderLegacyStock } from '@bascule/anti-corruption';
import { Pool } from 'pg';
import { StockItemRow, unitPriceColumns } from '../persistence/stock-item.table';

type Row = StockItemRow & { legacy_row: LegacyStockKept | null };

/**
 * The legacy stock contract, rendered from inventory's own state through the ACL: the stock item a `STOCK` row
 * became (its key in the key map) and the NULLs that row was written with.
 */
export class PgLegacyStockContractReadModel implements LegacyStockContract {
  constructor(private readonly pool: Pool) {}

  async get(refArticle: string): Promise<LegacyStockJson | undefined> {
    const { rows } = await this.pool.query<Row>(
      `SELECT k.legacy_row, s.* FROM legacy_stock_item_keys k JOIN stock_items s ON s.id = k.aggregate_id
        WHERE k.legacy_key = $1 AND NOT k.deleted`,
      [refArticle],
    );
    const [row] = rows;
    if (!row) return undefined;
    const item = {
      sku: row.sku,
      label: row.label,
      unitPrice: unitPriceColumns.fromRow(row).toJSON(),
      onHand: row.on_hand,
      reserved: row.reserved,
    };
    return renderLegacyStock(item, row.legacy_row);
  }
}
