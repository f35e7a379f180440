import { Injectable } from '@nestjs/common';
import { OrderConfirmedV1 } from '@bascule/orders/contracts';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

/**
 * orders.order-confirmed v1, consumed by the billing context. The consumer engine calls it once per event in effect
 * (ADR 0027): its writes go through `tx`, in the transaction that holds the event's inbox row.
 */
@Injectable()
export class OnOrderConfirmedHandler {
  @ConsumesEvent('orders.order-confirmed', 1)
  async handle(event: EventEnvelope<PayloadOf<typeof OrderConfirmedV1>>, tx: SqlRows): Promise<void> {
    const { status } = event.payload;
    // A replay of an older event of the same aggregate changes nothing: the version only goes up.
    await tx.query(
      `INSERT INTO known_orders (id, version, status)
       VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status, updated_at = now()
       WHERE known_orders.version < EXCLUDED.version`,
      [event.aggregateId, event.aggregateVersion, status],
    );
  }
}
