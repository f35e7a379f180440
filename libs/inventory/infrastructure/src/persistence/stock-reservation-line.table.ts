import { StockReservationLineView } from '@bascule/inventory/application';
import { StockReservation, StockReservationLine, StockReservationLineId } from '@bascule/inventory/domain';
import { ChildTable } from '@bascule/shared/persistence';

/** A row of `stock_reservation_lines`: one stock reservation line, keyed by its stock reservation and its own id, at its position. */
export interface StockReservationLineRow {
  stock_reservation_id: string;
  stock_reservation_line_id: string;
  position: number;
  sku: string;
  quantity: number;
}

/** The stock reservation lines of one stock reservation, saved with it under its version (ADR 0025). */
export const stockReservationLineTable: ChildTable<StockReservation, StockReservationLineRow> = {
  table: 'stock_reservation_lines',
  parentColumn: 'stock_reservation_id',
  keyColumns: ['stock_reservation_line_id'],
  columns: {
    stock_reservation_id: 'uuid',
    stock_reservation_line_id: 'uuid',
    position: 'integer',
    sku: 'text',
    quantity: 'integer',
  },
  orderBy: 'position',
  rowsOf: (stockReservation) =>
    stockReservation.stockReservationLines.map((stockReservationLine, position) => ({
      stock_reservation_id: stockReservation.id.value,
      stock_reservation_line_id: stockReservationLine.id.value,
      position,
      sku: stockReservationLine.snapshot.sku,
      quantity: stockReservationLine.snapshot.quantity,
    })),
};

/** The stock reservation line of a row. */
export const stockReservationLineOf = (row: StockReservationLineRow): StockReservationLine =>
  StockReservationLine.of(StockReservationLineId.of(row.stock_reservation_line_id), {
    sku: row.sku,
    quantity: row.quantity,
  });

/** The view of a row (what the read model answers). */
export const stockReservationLineViewOf = (row: StockReservationLineRow): StockReservationLineView => ({
  id: row.stock_reservation_line_id,
  sku: row.sku,
  quantity: row.quantity,
});
