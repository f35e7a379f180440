import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertClientMayOrder, Order, OrderBacklogFull, OrderId, OrderSkuUnknown } from '@bascule/orders/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock } from '@bascule/shared/ddd';
import { OrderChanges } from '../../order-changes';
import { CATALOGUE, Catalogue } from '../../ports/catalogue';
import { KNOWN_CLIENTS, KnownClients } from '../../ports/known-clients';
import { ORDER_BACKLOG, OrderBacklog } from '../../ports/order-backlog';
import { PlaceOrderCommand } from './place-order.command';

/**
 * Places a PENDING order for an active client, each line priced and taxed from the catalogue; none while the backlog
 * of orders waiting for their saga is full.
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand, AggregateRef> {
  constructor(
    private readonly changes: OrderChanges,
    @Inject(KNOWN_CLIENTS) private readonly clients: KnownClients,
    @Inject(CATALOGUE) private readonly catalogue: Catalogue,
    @Inject(ORDER_BACKLOG) private readonly backlog: OrderBacklog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata }: PlaceOrderCommand): Promise<AggregateRef> {
    const pending = await this.backlog.pending();
    if (pending >= this.backlog.limit) throw new OrderBacklogFull(pending, this.backlog.limit);
    assertClientMayOrder(data.clientId, await this.clients.statusOf(data.clientId, metadata.correlationId));
    const terms = await this.catalogue.termsOf(data.lines.map((line) => line.sku));
    const lines = data.lines.map((line, index) => {
      const sold = terms.get(line.sku);
      if (!sold) throw new OrderSkuUnknown(index, line.sku);
      return { ...line, ...sold };
    });
    const order = Order.place(
      OrderId.generate(),
      { clientId: data.clientId, lines, payment: data.payment },
      this.clock,
    );
    return this.changes.save(order, metadata);
  }
}
