import { Module } from '@nestjs/common';
import {
  INVOICE_READ_MODEL,
  INVOICE_REPOSITORY,
  KNOWN_ORDERS,
  NUMBERING,
  VAT_RATES,
} from '@bascule/billing/application';
import { PgVatRates } from './persistence/pg-vat-rates';
import { PgKnownOrders } from './persistence/pg-known-orders';
import { PgNumbering } from './persistence/pg-numbering';
import { CLOCK, Clock, systemClock } from '@bascule/shared/ddd';
import { OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { DataSource } from 'typeorm';
import { PgInvoiceReadModel } from './persistence/pg-invoice.read-model';
import { invoiceTable } from './persistence/invoice.table';
import { ConsumersModule } from '@bascule/shared/messaging';
import {
  OrderPlacedV1,
  OrderConfirmedV1,
  OrderRejectedV1,
  OrderCanceledV1,
  OrderShippedV1,
} from '@bascule/orders/contracts';
import { OnOrderPlacedHandler } from './consumers/on-order-placed.handler';
import { OnOrderConfirmedHandler } from './consumers/on-order-confirmed.handler';
import { OnOrderRejectedHandler } from './consumers/on-order-rejected.handler';
import { OnOrderCanceledHandler } from './consumers/on-order-canceled.handler';
import { OnOrderShippedHandler } from './consumers/on-order-shipped.handler';
import { LegacyInvoicesSyncModule } from './legacy/legacy-invoices.sync';
import { StockItemCreatedV1, StockItemVatRateChangedV1 } from '@bascule/inventory/contracts';
import { OnStockItemCreatedHandler } from './consumers/on-stock-item-created.handler';
import { OnStockItemVatRateChangedHandler } from './consumers/on-stock-item-vat-rate-changed.handler';
import { IssueInvoiceV1, IssueCreditNoteV1 } from '@bascule/billing/contracts';
import { IssueInvoiceParticipant } from './consumers/issue-invoice.participant';
import { SagaParticipant } from '@bascule/saga';
import { IssueCreditNoteParticipant } from './consumers/issue-credit-note.participant';

/** Adapters behind the billing application's ports. Needs TypeORM's DataSource and the platform's OutboxWriter. */
@Module({
  imports: [
    ConsumersModule.forRoot({
      groupId: 'billing-service',
      topics: ['orders.events.v1', 'inventory.events.v1', 'billing.commands.v1'],
      contracts: [
        OrderPlacedV1,
        OrderConfirmedV1,
        OrderRejectedV1,
        OrderCanceledV1,
        OrderShippedV1,
        StockItemCreatedV1,
        StockItemVatRateChangedV1,
        IssueInvoiceV1,
        IssueCreditNoteV1,
      ],
    }),
    LegacyInvoicesSyncModule,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    {
      provide: INVOICE_REPOSITORY,
      inject: [DataSource, OutboxWriter, CLOCK],
      useFactory: (dataSource: DataSource, outbox: OutboxWriter, clock: Clock) =>
        new PgAggregateStore(poolOf(dataSource), invoiceTable(clock), outbox),
    },
    { provide: INVOICE_READ_MODEL, useClass: PgInvoiceReadModel },
    { provide: KNOWN_ORDERS, useClass: PgKnownOrders },
    { provide: VAT_RATES, useClass: PgVatRates },
    { provide: NUMBERING, useClass: PgNumbering },
    OnOrderPlacedHandler,
    OnOrderConfirmedHandler,
    OnOrderRejectedHandler,
    OnOrderCanceledHandler,
    OnOrderShippedHandler,
    OnStockItemCreatedHandler,
    OnStockItemVatRateChangedHandler,
    IssueInvoiceParticipant,
    SagaParticipant,
    IssueCreditNoteParticipant,
  ],
  exports: [CLOCK, INVOICE_REPOSITORY, INVOICE_READ_MODEL, KNOWN_ORDERS, VAT_RATES, NUMBERING],
})
export class BillingInfrastructureModule {}
