import {
  OrderPlacedV1,
  OrderConfirmedV1,
  OrderRejectedV1,
  OrderShippedV1,
  OrderCanceledV1,
  OrderCancellationRequestedV1,
  OrderSyncedFromLegacyV1,
  OrderLineAddedV1,
  OrderLineRemovedV1,
} from '@bascule/orders/contracts';
import { Order, OrderEvent, OrderId, OrderStatus } from '@bascule/orders/domain';
import { Clock } from '@bascule/shared/ddd';
import { AggregateTable, IntegrationEvent, MoneyColumns } from '@bascule/shared/persistence';
import { orderLineTable, orderLineOf } from './order-line.table';

/**
 * A row of `orders` as written; `SELECT *` adds the timestamps (and reads a bigint back as a
 * string).
 */
export interface OrderWrite {
  id: string;
  version: number;
  client_id: string;
  total_amount: number | string | null;
  total_currency: string | null;
  total_incl_vat_amount: number | string | null;
  total_incl_vat_currency: string | null;
  status: string;
  reason: string | null;
}
export type OrderRow = OrderWrite & { created_at: Date; updated_at: Date };
export const totalColumns = new MoneyColumns('total');
export const totalInclVatColumns = new MoneyColumns('total_incl_vat');

/** Domain event → published integration event (v1): the only place the two vocabularies meet. */
function integrationEventOf(event: OrderEvent): IntegrationEvent {
  switch (event.type) {
    case 'OrderPlaced':
      return {
        contract: OrderPlacedV1,
        payload: {
          orderId: event.aggregateId,
          clientId: event.clientId,
          total: event.total.toJSON(),
          ...(event.totalInclVat ? { totalInclVat: event.totalInclVat.toJSON() } : {}),
          status: event.status,
          reason: event.reason,
          lines: event.lines.map((line) => ({
            ...line,
            unitPrice: line.unitPrice.toJSON(),
            lineTotal: line.lineTotal.toJSON(),
          })),
          payment: event.payment,
        },
      };
    case 'OrderConfirmed':
      return { contract: OrderConfirmedV1, payload: { orderId: event.aggregateId, status: event.status } };
    case 'OrderRejected':
      return {
        contract: OrderRejectedV1,
        payload: { orderId: event.aggregateId, status: event.status, reason: event.reason },
      };
    case 'OrderShipped':
      return { contract: OrderShippedV1, payload: { orderId: event.aggregateId, status: event.status } };
    case 'OrderCanceled':
      return {
        contract: OrderCanceledV1,
        payload: { orderId: event.aggregateId, status: event.status, reason: event.reason },
      };
    case 'OrderCancellationRequested':
      return {
        contract: OrderCancellationRequestedV1,
        payload: {
          orderId: event.aggregateId,
          reason: event.reason,
          total: event.total.toJSON(),
          ...(event.totalInclVat ? { totalInclVat: event.totalInclVat.toJSON() } : {}),
        },
      };
    case 'OrderSyncedFromLegacy':
      return {
        contract: OrderSyncedFromLegacyV1,
        payload: {
          orderId: event.aggregateId,
          clientId: event.clientId,
          total: event.total.toJSON(),
          status: event.status,
        },
      };
    case 'OrderLineAdded':
      return {
        contract: OrderLineAddedV1,
        payload: {
          orderId: event.aggregateId,
          orderLineId: event.orderLineId,
          sku: event.sku,
          quantity: event.quantity,
          unitPrice: event.unitPrice.toJSON(),
          lineTotal: event.lineTotal.toJSON(),
        },
      };
    case 'OrderLineRemoved':
      return { contract: OrderLineRemovedV1, payload: { orderId: event.aggregateId, orderLineId: event.orderLineId } };
  }
}

/** How orders are stored: the row, the mapping both ways, the events they publish. */
export const orderTable = (clock: Clock): AggregateTable<Order, OrderWrite, OrderRow> => ({
  name: 'order',
  table: 'orders',
  columns: {
    id: 'uuid',
    version: 'integer',
    client_id: 'uuid',
    total_amount: 'bigint',
    total_currency: 'char(3)',
    ...totalInclVatColumns.sqlTypes,
    status: 'text',
    reason: 'text',
  },
  updatedAtColumn: 'updated_at',
  children: [orderLineTable],
  toRow: (order) => ({
    id: order.id.value,
    version: order.version,
    client_id: order.snapshot.clientId,
    ...totalColumns.toRow(order.snapshot.total),
    ...totalInclVatColumns.toRow(order.snapshot.totalInclVat),
    status: order.snapshot.status,
    reason: order.snapshot.reason,
  }),
  toAggregate: (row, children) =>
    Order.reconstitute(
      OrderId.of(row.id),
      row.version,
      {
        clientId: row.client_id,
        total: totalColumns.fromRow(row),
        totalInclVat: totalInclVatColumns.optionalFromRow(row),
        status: row.status as OrderStatus,
        reason: row.reason,
      },
      clock,
      children.of(orderLineTable).map(orderLineOf),
    ),
  integrationEventOf,
});
