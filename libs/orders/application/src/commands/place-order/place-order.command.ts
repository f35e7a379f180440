import { Command } from '@nestjs/cqrs';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';
import { PaymentMethod } from '@bascule/orders/domain';

/** What placing an order takes, as the edges checked it: skus and quantities; prices are the catalogue's. */
export interface PlaceOrderData {
  clientId: string;
  lines: { sku: string; quantity: number }[];
  payment: PaymentMethod;
}

export class PlaceOrderCommand extends Command<AggregateRef> {
  constructor(
    readonly data: PlaceOrderData,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
