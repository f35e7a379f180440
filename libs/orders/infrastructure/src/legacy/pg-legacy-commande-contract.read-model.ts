import {
  CloudOrder,
  LegacyCommandeContract,
  LegacyCommandeJson,
  LegacyCommandeKept,
  noLigneOfLegacyKey,
  orderLineIdOfLegacy,
  renderLegacyCommande,
} from '@bascule/anti-corruption';
import { OrderStatus } from '@bascule/orders/domain';
import { Pool } from 'pg';
import { OrderLineRow } from '../persistence/order-line.table';
import { OrderRow, totalColumns } from '../persistence/order.table';

type Row = OrderRow & { legacy_row: LegacyCommandeKept | null };

const ORDER = `SELECT k.legacy_row, o.* FROM legacy_order_keys k JOIN orders o ON o.id = k.aggregate_id
  WHERE k.legacy_key = $1 AND NOT k.deleted`;
// An order's line keys (composite keys are their canonical JSON text; the order's own key is a number).
const LINE_KEYS = `SELECT legacy_key FROM legacy_order_keys WHERE aggregate_id = $1 AND legacy_key LIKE '{%' AND NOT deleted`;
const LINES = `SELECT * FROM order_lines WHERE order_id = $1 ORDER BY position`;

/** The legacy orders contract (`GET /api/commandes/{no}`), rendered from the orders context's state through the ACL. */
export class PgLegacyCommandeContractReadModel implements LegacyCommandeContract {
  constructor(private readonly pool: Pool) {}

  async get(noCommande: number): Promise<LegacyCommandeJson | undefined> {
    const [order] = (await this.pool.query<Row>(ORDER, [String(noCommande)])).rows;
    if (!order?.legacy_row) return undefined;
    const [keys, lines] = await Promise.all([
      this.pool.query<{ legacy_key: string }>(LINE_KEYS, [order.id]),
      this.pool.query<OrderLineRow>(LINES, [order.id]),
    ]);
    const lineNumbers = new Map(
      keys.rows.flatMap(({ legacy_key }) => {
        const no = noLigneOfLegacyKey(legacy_key);
        return no === undefined ? [] : [[orderLineIdOfLegacy(legacy_key), no] as const];
      }),
    );
    const cloud: CloudOrder = {
      status: order.status as OrderStatus,
      total: totalColumns.fromRow(order).toJSON(),
      lines: lines.rows.map((line) => ({
        orderLineId: line.order_line_id,
        sku: line.sku,
        quantity: line.quantity,
        unitPrice: { amount: Number(line.unit_price_amount), currency: String(line.unit_price_currency) },
      })),
    };
    return renderLegacyCommande(noCommande, cloud, order.legacy_row, lineNumbers);
  }
}
