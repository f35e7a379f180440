import { Type } from '@sinclair/typebox';
import { defineEvent } from '@bascule/shared/contracts';
import { LineId, Order, OrderLine } from './order';
import { AggregateTable } from '../aggregate-store/aggregate-table';
import { ChildTable } from '../aggregate-store/child-table';
import { moneyColumns, MoneyColumnValues } from '../columns/money-columns';

export const OrderChangedV1 = defineEvent({
  type: 'test.order-changed',
  version: 1,
  topic: 'test.orders.v1',
  aggregateType: 'order',
  summary: 'An order or one of its lines changed.',
  schema: Type.Object({ orderId: Type.String({ format: 'uuid' }), change: Type.String(), lines: Type.Integer() }),
});
export const orderContracts = [OrderChangedV1];

const total = moneyColumns('total');
const unitPrice = moneyColumns('unit_price');

export const ordersTableUp = [
  `CREATE TABLE IF NOT EXISTS test_orders (
     id        uuid PRIMARY KEY,
     version   integer NOT NULL,
     currency  char(3) NOT NULL,
     ${total.ddl()}
   )`,
  `CREATE TABLE IF NOT EXISTS test_order_lines (
     order_id  uuid NOT NULL REFERENCES test_orders (id) ON DELETE CASCADE,
     line_id   uuid NOT NULL,
     position  integer NOT NULL,
     sku       text NOT NULL,
     quantity  integer NOT NULL CHECK (quantity > 0),
     ${unitPrice.ddl()},
     PRIMARY KEY (order_id, line_id),
     CONSTRAINT test_order_lines_one_per_sku UNIQUE (order_id, sku)
   )`,
];

export type OrderRow = { id: string; version: number; currency: string } & MoneyColumnValues<'total'>;
export type OrderLineRow = {
  order_id: string;
  line_id: string;
  position: number;
  sku: string;
  quantity: number;
} & MoneyColumnValues<'unit_price'>;

export const orderLinesTable: ChildTable<Order, OrderLineRow> = {
  table: 'test_order_lines',
  parentColumn: 'order_id',
  keyColumns: ['line_id'],
  columns: {
    order_id: 'uuid',
    line_id: 'uuid',
    position: 'integer',
    sku: 'text',
    quantity: 'integer',
    ...unitPrice.sqlTypes,
  },
  orderBy: 'position',
  rowsOf: (order) =>
    order.lines.map((line, position) => ({
      order_id: order.id.value,
      line_id: line.id.value,
      position,
      sku: line.sku,
      quantity: line.quantity,
      ...unitPrice.toRow(line.unitPrice),
    })),
};

export const ordersTable: AggregateTable<Order, OrderRow> = {
  name: 'order',
  table: 'test_orders',
  columns: { id: 'uuid', version: 'integer', currency: 'char(3)', ...total.sqlTypes },
  children: [orderLinesTable],
  toRow: (order) => ({
    id: order.id.value,
    version: order.version,
    currency: order.currency,
    ...total.toRow(order.total),
  }),
  toAggregate: (row, children) =>
    Order.reconstitute(
      row.id,
      row.version,
      row.currency,
      children
        .of(orderLinesTable)
        .map((line) => new OrderLine(LineId.of(line.line_id), line.sku, line.quantity, unitPrice.fromRow(line))),
    ),
  integrationEventOf: (event) => ({
    contract: OrderChangedV1,
    payload: { orderId: event.aggregateId, change: event.type, lines: event.lines },
  }),
};
