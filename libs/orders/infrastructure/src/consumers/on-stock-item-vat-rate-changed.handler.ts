import { Injectable } from '@nestjs/common';
import { StockItemVatRateChangedV1 } from '@bascule/inventory/contracts';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

/**
 * inventory.stock-item-vat-rate-changed v1, consumed by the orders context. The consumer engine calls it once per event in effect
 * (ADR 0027): its writes go through `tx`, in the transaction that holds the event's inbox row.
 */
@Injectable()
export class OnStockItemVatRateChangedHandler {
  @ConsumesEvent('inventory.stock-item-vat-rate-changed', 1)
  async handle(event: EventEnvelope<PayloadOf<typeof StockItemVatRateChangedV1>>, tx: SqlRows): Promise<void> {
    const { sku, vatRate } = event.payload;
    // A replay of an older event of the same aggregate changes nothing: the version only goes up.
    await tx.query(
      `INSERT INTO known_stock_items (id, version, sku, vat_rate)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, sku = EXCLUDED.sku, vat_rate = EXCLUDED.vat_rate, updated_at = now()
       WHERE known_stock_items.version < EXCLUDED.version`,
      [event.aggregateId, event.aggregateVersion, sku, vatRate],
    );
  }
}
