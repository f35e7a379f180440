import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommitStockReservationCommand } from '@bascule/inventory/application';
import { StockReservationNotFound } from '@bascule/inventory/domain';
import { OrderShippedV1 } from '@bascule/orders/contracts';
import { CommandMetadata } from '@bascule/shared/application';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

type OrderShippedEnvelope = EventEnvelope<PayloadOf<typeof OrderShippedV1>>;

/**
 * orders.order-shipped v1, consumed by the inventory context: the order's reservation (its id is the order's) is
 * committed, its units leaving the stock, in the transaction that holds the event's inbox row (ADR 0027, 0062).
 * A reservation committed already changes nothing; an order with no reservation (placed before sagas, or in the
 * legacy system) has nothing to commit. A reservation released or rejected is refused by the domain: the event is
 * set aside to the DLQ with that reason, for someone to look at a shipped order whose stock was given back.
 */
@Injectable()
export class OnOrderShippedHandler {
  constructor(private readonly commands: CommandBus) {}

  @ConsumesEvent('orders.order-shipped', 1)
  async handle(event: OrderShippedEnvelope, _tx: SqlRows): Promise<void> {
    try {
      await this.commands.execute(
        new CommitStockReservationCommand({
          aggregateId: event.payload.orderId,
          expectedVersion: undefined,
          metadata: metadataOf(event),
        }),
      );
    } catch (error) {
      if (!(error instanceof StockReservationNotFound)) throw error;
    }
  }
}

/** The commit runs in the event's correlation, caused by it. */
const metadataOf = (event: EventEnvelope): CommandMetadata => ({
  correlationId: event.correlationId,
  causationId: event.id,
  originSystem: 'cloud',
});
