import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  DEFAULT_VAT_RATE,
  Invoice,
  InvoiceId,
  InvoiceOrderNotConfirmed,
  InvoiceOrderUnknown,
} from '@bascule/billing/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock } from '@bascule/shared/ddd';
import { parisDate } from '../../issue-date';
import { InvoiceChanges } from '../../invoice-changes';
import { KNOWN_ORDERS, KnownOrders } from '../../ports/known-orders';
import { NUMBERING, Numbering } from '../../ports/numbering';
import { VAT_RATES, VatRates } from '../../ports/vat-rates';
import { CreateInvoiceCommand } from './create-invoice.command';

/** A confirmed order (shipped since, too) is invoiced: one invoice per order. */
const INVOICEABLE = ['CONFIRMED', 'SHIPPED'];

/**
 * Issues the invoice of a confirmed order known to billing, under the next number of the year, each line at the rate
 * the order charged (the catalogue's, for an order placed before its lines carried one).
 */
@CommandHandler(CreateInvoiceCommand)
export class CreateInvoiceHandler implements ICommandHandler<CreateInvoiceCommand, AggregateRef> {
  constructor(
    private readonly changes: InvoiceChanges,
    @Inject(KNOWN_ORDERS) private readonly orders: KnownOrders,
    @Inject(VAT_RATES) private readonly vatRates: VatRates,
    @Inject(NUMBERING) private readonly numbering: Numbering,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata }: CreateInvoiceCommand): Promise<AggregateRef> {
    const order = await this.orders.get(data.orderId);
    if (!order || order.lines.length === 0) throw new InvoiceOrderUnknown(data.orderId);
    if (!INVOICEABLE.includes(order.status)) throw new InvoiceOrderNotConfirmed(data.orderId, order.status);
    const rates = await this.vatRates.ratesOf(order.lines.map((line) => line.sku));
    const issuedOn = parisDate(this.clock.now());
    return this.numbering.withNextNumber('INVOICE', Number(issuedOn.slice(0, 4)), async (number) => {
      const invoice = Invoice.issue(
        InvoiceId.generate(),
        {
          orderId: data.orderId,
          number,
          issuedOn,
          lines: order.lines.map((line) => ({
            invoiceLineId: line.orderLineId,
            sku: line.sku,
            quantity: line.quantity,
            unitPrice: line.unitPrice,
            // The rate the order charged: the invoice totals what was captured (ADR 0068).
            vatRate: line.vatRate ?? rates.get(line.sku) ?? DEFAULT_VAT_RATE,
          })),
        },
        this.clock,
      );
      return this.changes.save(invoice, metadata);
    });
  }
}
