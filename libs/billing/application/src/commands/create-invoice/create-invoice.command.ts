import { Command } from '@nestjs/cqrs';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';

/** What issuing an invoice takes: the order, which billing knows from orders' events. */
export interface CreateInvoiceData {
  orderId: string;
}

export class CreateInvoiceCommand extends Command<AggregateRef> {
  constructor(
    readonly data: CreateInvoiceData,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
