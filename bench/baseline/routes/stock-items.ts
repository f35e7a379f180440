import { StockItemId } from '@bascule/inventory/domain';
import { CreateStockItemBody } from '../../../libs/inventory/interface/src/rest/stock-item.schemas';
import { BareRoute, envelope } from '../bare-route';

/**
 * POST /stock-items: stock item row + inventory.stock-item-created in one transaction, read back. The id is the
 * sku's version-5 UUID, as the service's (only that id function is borrowed from the domain).
 */
export const stockItemsRoute: BareRoute<CreateStockItemBody> = {
  path: '/stock-items',
  role: 'inventory:write',
  body: CreateStockItemBody,
  async handle(body, { transaction, appendOutbox, readOne, correlationId }) {
    const id = StockItemId.forSku(body.sku).value;
    await transaction(async (tx) => {
      await tx.query(
        `INSERT INTO stock_items (id, version, sku, label, unit_price_amount, unit_price_currency, on_hand, reserved)
         VALUES ($1, 1, $2, $3, $4, $5, $6, 0)`,
        [id, body.sku, body.label, body.unitPrice.amount, body.unitPrice.currency, body.onHand],
      );
      await appendOutbox(
        tx,
        envelope(
          {
            type: 'inventory.stock-item-created',
            aggregateType: 'stock-item',
            aggregateId: id,
            payload: { stockItemId: id, ...body, reserved: 0 },
          },
          correlationId,
        ),
      );
    });
    const row = await readOne('SELECT * FROM stock_items WHERE id = $1', id);
    const [onHand, reserved] = [Number(row.on_hand), Number(row.reserved)];
    return {
      id,
      version: Number(row.version),
      view: {
        id: row.id,
        version: row.version,
        sku: row.sku,
        label: row.label,
        unitPrice: { amount: Number(row.unit_price_amount), currency: row.unit_price_currency },
        onHand,
        reserved,
        available: onHand - reserved,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      },
    };
  },
};
