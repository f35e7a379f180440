import { Command } from '@nestjs/cqrs';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';
import { MoneyJson } from '@bascule/shared/contracts';
import { InvoiceStatus } from '@bascule/billing/domain';

/** What creating a invoice takes, as the edges checked it (an optional field may be absent). */
export interface CreateInvoiceData {
  orderId: string;
  number: string;
  issuedOn: string;
  totalExclVat: MoneyJson;
  totalVat: MoneyJson;
  totalInclVat: MoneyJson;
  creditedInclVat: MoneyJson;
  status: InvoiceStatus;
}

export class CreateInvoiceCommand extends Command<AggregateRef> {
  constructor(
    readonly data: CreateInvoiceData,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
