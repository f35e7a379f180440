import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertClientMayOrder, Order, OrderId, OrderSkuUnknown } from '@bascule/orders/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock } from '@bascule/shared/ddd';
import { OrderChanges } from '../../order-changes';
import { CATALOGUE, Catalogue } from '../../ports/catalogue';
import { KNOWN_CLIENTS, KnownClients } from '../../ports/known-clients';
import { PlaceOrderCommand } from './place-order.command';

/** Places a PENDING order for an active client, each line priced and taxed from the catalogue. */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand, AggregateRef> {
  constructor(
    private readonly changes: OrderChanges,
    @Inject(KNOWN_CLIENTS) private readonly clients: KnownClients,
    @Inject(CATALOGUE) private readonly catalogue: Catalogue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata }: PlaceOrderCommand): Promise<AggregateRef> {
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
