import {
  StockItemCreatedV1,
  StockItemPriceChangedV1,
  StockItemRestockedV1,
  StockItemAdjustedV1,
  StockItemReservedV1,
  StockItemReleasedV1,
  StockItemShippedV1,
  StockItemSyncedFromLegacyV1,
  StockItemVatRateChangedV1,
} from '@bascule/inventory/contracts';
import { StockItem, StockItemEvent, StockItemId, StockItemSkuTaken } from '@bascule/inventory/domain';
import { Clock, VatRate } from '@bascule/shared/ddd';
import { AggregateTable, IntegrationEvent, MoneyColumns } from '@bascule/shared/persistence';

/**
 * A row of `stock_items` as written; `SELECT *` adds the timestamps (and reads a bigint back as a
 * string).
 */
export interface StockItemWrite {
  id: string;
  version: number;
  sku: string;
  label: string;
  unit_price_amount: number | string | null;
  unit_price_currency: string | null;
  on_hand: number;
  reserved: number;
  vat_rate: number;
}
export type StockItemRow = StockItemWrite & { created_at: Date; updated_at: Date };
export const unitPriceColumns = new MoneyColumns('unit_price');

/** Domain event → published integration event (v1): the only place the two vocabularies meet. */
function integrationEventOf(event: StockItemEvent): IntegrationEvent {
  switch (event.type) {
    case 'StockItemCreated':
      return {
        contract: StockItemCreatedV1,
        payload: {
          stockItemId: event.aggregateId,
          sku: event.sku,
          label: event.label,
          unitPrice: event.unitPrice.toJSON(),
          onHand: event.onHand,
          reserved: event.reserved,
          vatRate: event.vatRate as VatRate,
        },
      };
    case 'StockItemPriceChanged':
      return {
        contract: StockItemPriceChangedV1,
        payload: {
          stockItemId: event.aggregateId,
          sku: event.sku,
          label: event.label,
          unitPrice: event.unitPrice.toJSON(),
        },
      };
    case 'StockItemRestocked':
      return { contract: StockItemRestockedV1, payload: { stockItemId: event.aggregateId, quantity: event.quantity } };
    case 'StockItemAdjusted':
      return {
        contract: StockItemAdjustedV1,
        payload: { stockItemId: event.aggregateId, delta: event.delta, reason: event.reason },
      };
    case 'StockItemReserved':
      return {
        contract: StockItemReservedV1,
        payload: { stockItemId: event.aggregateId, orderId: event.orderId, quantity: event.quantity },
      };
    case 'StockItemReleased':
      return {
        contract: StockItemReleasedV1,
        payload: { stockItemId: event.aggregateId, orderId: event.orderId, quantity: event.quantity },
      };
    case 'StockItemShipped':
      return {
        contract: StockItemShippedV1,
        payload: { stockItemId: event.aggregateId, orderId: event.orderId, quantity: event.quantity },
      };
    case 'StockItemSyncedFromLegacy':
      return {
        contract: StockItemSyncedFromLegacyV1,
        payload: {
          stockItemId: event.aggregateId,
          sku: event.sku,
          label: event.label,
          unitPrice: event.unitPrice.toJSON(),
          onHand: event.onHand,
          reserved: event.reserved,
        },
      };
    case 'StockItemVatRateChanged':
      return {
        contract: StockItemVatRateChangedV1,
        payload: { stockItemId: event.aggregateId, sku: event.sku, vatRate: event.vatRate as VatRate },
      };
  }
}

/** How stock items are stored: the row, the mapping both ways, the events they publish. */
export const stockItemTable = (clock: Clock): AggregateTable<StockItem, StockItemWrite, StockItemRow> => ({
  name: 'stock-item',
  table: 'stock_items',
  columns: {
    id: 'uuid',
    version: 'integer',
    sku: 'text',
    label: 'text',
    unit_price_amount: 'bigint',
    unit_price_currency: 'char(3)',
    on_hand: 'integer',
    reserved: 'integer',
    vat_rate: 'integer',
  },
  updatedAtColumn: 'updated_at',
  // The id is the sku's (StockItemId.forSku): a second item with one sku collides on the key.
  uniqueViolations: {
    stock_items_pkey: () => new StockItemSkuTaken(),
    stock_items_sku_unique: () => new StockItemSkuTaken(),
  },
  toRow: (stockItem) => ({
    id: stockItem.id.value,
    version: stockItem.version,
    sku: stockItem.snapshot.sku,
    label: stockItem.snapshot.label,
    ...unitPriceColumns.toRow(stockItem.snapshot.unitPrice),
    on_hand: stockItem.snapshot.onHand,
    reserved: stockItem.snapshot.reserved,
    vat_rate: stockItem.snapshot.vatRate,
  }),
  toAggregate: (row) =>
    StockItem.reconstitute(
      StockItemId.of(row.id),
      row.version,
      {
        sku: row.sku,
        label: row.label,
        unitPrice: unitPriceColumns.fromRow(row),
        vatRate: row.vat_rate,
        onHand: row.on_hand,
        reserved: row.reserved,
      },
      clock,
    ),
  integrationEventOf,
});
