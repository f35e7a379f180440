import { StockItemId, StockReservationId, StockReservationLineId } from '@bascule/inventory/domain';
import { CreateStockReservationBody } from '../../../libs/inventory/interface/src/rest/stock-reservation.schemas';
import { BareAnswer, BareRoute, BareTools, envelope } from '../bare-route';

interface LockedItem {
  id: string;
  sku: string;
  available: number;
}

/**
 * POST /stock-reservations: all of an order's lines or none, once per order. In one transaction: the order's
 * reservation row and its stock items' rows locked (`FOR UPDATE`, items in id order, as the service takes them), a
 * reservation made before is the answer; otherwise every line's units reserved on its item (one UPDATE, one
 * inventory.stock-item-reserved each) and the reservation + its lines + inventory.stock-reservation-created written
 * (REJECTED with its short lines when one is short). Read back with its lines. The ids are the service's: the
 * order's id, the sku's and the line's (only those id functions are borrowed from the domain).
 */
export const stockReservationsRoute: BareRoute<CreateStockReservationBody> = {
  path: '/stock-reservations',
  role: 'inventory:write',
  body: CreateStockReservationBody,
  async handle(body, tools) {
    const { transaction, appendOutbox, correlationId } = tools;
    const id = StockReservationId.forOrder(body.orderId).value;
    const itemIds = body.lines.map((line) => StockItemId.forSku(line.sku).value);
    await transaction(async (tx) => {
      const existing = await tx.query('SELECT 1 FROM stock_reservations WHERE id = $1 FOR UPDATE', [id]);
      const { rows: items } = await tx.query<LockedItem>(
        `SELECT id, sku, on_hand - reserved AS available FROM stock_items WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        [[...new Set(itemIds)].sort()],
      );
      if (existing.rowCount) return; // reserved (or rejected) before: that answer again
      const available = new Map(items.map((item) => [item.sku, item]));
      const plainLines = body.lines.map(({ sku, quantity }) => ({ sku, quantity }));
      const short = body.lines
        .map(({ sku, quantity }) => ({ sku, requested: quantity, available: available.get(sku)?.available ?? 0 }))
        .filter(({ requested, available: left }) => requested > left);
      const status = short.length ? 'REJECTED' : 'RESERVED';
      if (!short.length) {
        await tx.query(
          `UPDATE stock_items s SET reserved = s.reserved + m.quantity, version = s.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::int[]) AS m (id, quantity) WHERE s.id = m.id`,
          [itemIds, body.lines.map((line) => line.quantity)],
        );
        for (const [index, line] of body.lines.entries()) {
          const payload = { stockItemId: itemIds[index], orderId: id, quantity: line.quantity };
          await appendOutbox(
            tx,
            envelope(
              {
                type: 'inventory.stock-item-reserved',
                aggregateType: 'stock-item',
                aggregateId: itemIds[index],
                payload,
              },
              correlationId,
            ),
          );
        }
      }
      await tx.query(`INSERT INTO stock_reservations (id, version, status) VALUES ($1, 1, $2)`, [id, status]);
      await tx.query(
        `INSERT INTO stock_reservation_lines (stock_reservation_id, stock_reservation_line_id, position, sku, quantity)
         SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::text[], $5::int[])`,
        [
          id,
          body.lines.map((_, index) => StockReservationLineId.forLine(id, index).value),
          body.lines.map((_, index) => index),
          body.lines.map((line) => line.sku),
          body.lines.map((line) => line.quantity),
        ],
      );
      await appendOutbox(
        tx,
        envelope(
          short.length
            ? {
                type: 'inventory.stock-reservation-rejected',
                aggregateType: 'stock-reservation',
                aggregateId: id,
                payload: { stockReservationId: id, reason: 'INSUFFICIENT_STOCK', lines: plainLines, shortLines: short },
              }
            : {
                type: 'inventory.stock-reservation-created',
                aggregateType: 'stock-reservation',
                aggregateId: id,
                payload: { stockReservationId: id, status, lines: plainLines },
              },
          correlationId,
        ),
      );
    });
    return readBack(id, tools);
  },
};

async function readBack(id: string, { readOne, readAll }: BareTools): Promise<BareAnswer> {
  const row = await readOne('SELECT * FROM stock_reservations WHERE id = $1', id);
  const lines = await readAll(
    'SELECT * FROM stock_reservation_lines WHERE stock_reservation_id = ANY($1) ORDER BY stock_reservation_id, position',
    [[id]],
  );
  return {
    id,
    version: Number(row.version),
    view: {
      id: row.id,
      version: row.version,
      status: row.status,
      stockReservationLines: lines.map((line) => ({
        id: line.stock_reservation_line_id,
        sku: line.sku,
        quantity: line.quantity,
      })),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    },
  };
}
