import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Invoice, InvoiceId } from '@bascule/billing/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock, Money } from '@bascule/shared/ddd';
import { InvoiceChanges } from '../../invoice-changes';
import { CreateInvoiceCommand } from './create-invoice.command';

@CommandHandler(CreateInvoiceCommand)
export class CreateInvoiceHandler implements ICommandHandler<CreateInvoiceCommand, AggregateRef> {
  constructor(
    private readonly changes: InvoiceChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata }: CreateInvoiceCommand): Promise<AggregateRef> {
    const invoice = Invoice.create(
      InvoiceId.generate(),
      {
        orderId: data.orderId,
        number: data.number,
        issuedOn: data.issuedOn,
        totalExclVat: Money.fromJSON(data.totalExclVat),
        totalVat: Money.fromJSON(data.totalVat),
        totalInclVat: Money.fromJSON(data.totalInclVat),
        creditedInclVat: Money.fromJSON(data.creditedInclVat),
        status: data.status,
      },
      this.clock,
    );
    return this.changes.save(invoice, metadata);
  }
}
