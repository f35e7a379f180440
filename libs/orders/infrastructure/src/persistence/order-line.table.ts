import { OrderLineView } from '@bascule/orders/application';
import { Order, OrderLine, OrderLineId } from '@bascule/orders/domain';
import { VatRate } from '@bascule/shared/ddd';
import { ChildTable, MoneyColumns } from '@bascule/shared/persistence';

/** A row of `order_lines`: one order line, keyed by its order and its own id, at its position. */
export interface OrderLineRow {
  order_id: string;
  order_line_id: string;
  position: number;
  sku: string;
  quantity: number;
  unit_price_amount: number | string | null;
  unit_price_currency: string | null;
  line_total_amount: number | string | null;
  line_total_currency: string | null;
  vat_rate: number | null;
}
const unitPriceColumns = new MoneyColumns('unit_price');
const lineTotalColumns = new MoneyColumns('line_total');

/** The order lines of one order, saved with it under its version (ADR 0025). */
export const orderLineTable: ChildTable<Order, OrderLineRow> = {
  table: 'order_lines',
  parentColumn: 'order_id',
  keyColumns: ['order_line_id'],
  columns: {
    order_id: 'uuid',
    order_line_id: 'uuid',
    position: 'integer',
    sku: 'text',
    quantity: 'integer',
    unit_price_amount: 'bigint',
    unit_price_currency: 'char(3)',
    line_total_amount: 'bigint',
    line_total_currency: 'char(3)',
    vat_rate: 'integer',
  },
  orderBy: 'position',
  rowsOf: (order) =>
    order.orderLines.map((orderLine, position) => ({
      order_id: order.id.value,
      order_line_id: orderLine.id.value,
      position,
      sku: orderLine.snapshot.sku,
      quantity: orderLine.snapshot.quantity,
      ...unitPriceColumns.toRow(orderLine.snapshot.unitPrice),
      ...lineTotalColumns.toRow(orderLine.snapshot.lineTotal),
      vat_rate: orderLine.snapshot.vatRate,
    })),
};

/** The order line of a row. */
export const orderLineOf = (row: OrderLineRow): OrderLine =>
  OrderLine.of(OrderLineId.of(row.order_line_id), {
    sku: row.sku,
    quantity: row.quantity,
    unitPrice: unitPriceColumns.fromRow(row),
    lineTotal: lineTotalColumns.fromRow(row),
    vatRate: row.vat_rate as VatRate | null,
  });

/** The view of a row (what the read model answers). */
export const orderLineViewOf = (row: OrderLineRow): OrderLineView => ({
  id: row.order_line_id,
  sku: row.sku,
  quantity: row.quantity,
  unitPrice: unitPriceColumns.fromRow(row).toJSON(),
  lineTotal: lineTotalColumns.fromRow(row).toJSON(),
  vatRate: row.vat_rate,
});
