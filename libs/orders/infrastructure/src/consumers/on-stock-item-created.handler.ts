import { Injectable } from '@nestjs/common';
import { StockItemCreatedV1 } from '@bascule/inventory/contracts';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

/**
 * inventory.stock-item-created v1, consumed by the orders context. The consumer engine calls it once per event in effect
 * (ADR 0027): its writes go through `tx`, in the transaction that holds the event's inbox row.
 */
@Injectable()
export class OnStockItemCreatedHandler {
  @ConsumesEvent('inventory.stock-item-created', 1)
  async handle(event: EventEnvelope<PayloadOf<typeof StockItemCreatedV1>>, tx: SqlRows): Promise<void> {
    const { sku, label, unitPrice, vatRate } = event.payload;
    // A replay of an older event of the same aggregate changes nothing: the version only goes up.
    await tx.query(
      `INSERT INTO known_stock_items (id, version, sku, label, unit_price, vat_rate)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, sku = EXCLUDED.sku, label = EXCLUDED.label, unit_price = EXCLUDED.unit_price, vat_rate = EXCLUDED.vat_rate, updated_at = now()
       WHERE known_stock_items.version < EXCLUDED.version`,
      [event.aggregateId, event.aggregateVersion, sku, label, JSON.stringify(unitPrice), vatRate],
    );
  }
}
