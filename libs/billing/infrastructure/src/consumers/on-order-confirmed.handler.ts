import { Injectable } from '@nestjs/common';
import { OrderConfirmedV1 } from '@bascule/orders/contracts';
import { SagaParticipant } from '@bascule/saga';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';
import { orderConfirmation } from './issue-invoice.participant';

/**
 * orders.order-confirmed v1, consumed by the billing context. The consumer engine calls it once per event in effect
 * (ADR 0027): its writes go through `tx`, in the transaction that holds the event's inbox row. The saga's
 * issue-invoice commands that arrived before it are answered then, in that transaction (ADR 0070).
 */
@Injectable()
export class OnOrderConfirmedHandler {
  constructor(private readonly saga: SagaParticipant) {}

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
    await this.saga.resume(tx, orderConfirmation(event.aggregateId));
  }
}
