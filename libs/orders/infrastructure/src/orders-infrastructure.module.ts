import { Module } from '@nestjs/common';
import {
  CATALOGUE,
  KNOWN_CLIENTS,
  ORDER_BACKLOG,
  ORDER_READ_MODEL,
  ORDER_REPOSITORY,
} from '@bascule/orders/application';
import { CLOCK, Clock, systemClock } from '@bascule/shared/ddd';
import { OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { DataSource } from 'typeorm';
import { PgOrderReadModel } from './persistence/pg-order.read-model';
import { orderTable } from './persistence/order.table';
import { ConsumersModule } from '@bascule/shared/messaging';
import {
  ClientRegisteredV1,
  ClientDeactivatedV1,
  ClientReactivatedV1,
  ClientErasedV1,
} from '@bascule/client/contracts';
import { OnClientRegisteredHandler } from './consumers/on-client-registered.handler';
import { OnClientDeactivatedHandler } from './consumers/on-client-deactivated.handler';
import { OnClientReactivatedHandler } from './consumers/on-client-reactivated.handler';
import { OnClientErasedHandler } from './consumers/on-client-erased.handler';
import { ClientCalleeModule } from './calls/client.callee';
import { PgKnownClients } from './persistence/pg-known-clients';
import { PgCatalogue } from './persistence/pg-catalogue';
import { PgOrderBacklog } from './persistence/pg-order-backlog';
import { StockItemCreatedV1, StockItemPriceChangedV1, StockItemVatRateChangedV1 } from '@bascule/inventory/contracts';
import { OnStockItemPriceChangedHandler } from './consumers/on-stock-item-price-changed.handler';
import { LegacyOrdersSyncModule } from './legacy/legacy-orders.sync';
import { PgLegacyCommandeContractReadModel } from './legacy/pg-legacy-commande-contract.read-model';
import { LEGACY_COMMANDE_CONTRACT } from '@bascule/anti-corruption';
import { ConfirmOrderV1, RejectOrderV1, CancelOrderV1 } from '@bascule/orders/contracts';
import { ConfirmOrderParticipant } from './consumers/confirm-order.participant';
import { SagaParticipant } from '@bascule/saga';
import { RejectOrderParticipant } from './consumers/reject-order.participant';
import { CancelOrderParticipant } from './consumers/cancel-order.participant';
import { OnStockItemCreatedHandler } from './consumers/on-stock-item-created.handler';
import { OnStockItemVatRateChangedHandler } from './consumers/on-stock-item-vat-rate-changed.handler';

/** Adapters behind the orders application's ports. Needs TypeORM's DataSource and the platform's OutboxWriter. */
@Module({
  imports: [
    ConsumersModule.forRoot({
      groupId: 'orders-service',
      topics: ['client.events.v1', 'inventory.events.v1', 'orders.commands.v1'],
      contracts: [
        ClientRegisteredV1,
        ClientDeactivatedV1,
        ClientReactivatedV1,
        ClientErasedV1,
        StockItemCreatedV1,
        StockItemPriceChangedV1,
        ConfirmOrderV1,
        RejectOrderV1,
        CancelOrderV1,
        StockItemVatRateChangedV1,
      ],
    }),
    ClientCalleeModule,
    LegacyOrdersSyncModule,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    {
      provide: ORDER_REPOSITORY,
      inject: [DataSource, OutboxWriter, CLOCK],
      useFactory: (dataSource: DataSource, outbox: OutboxWriter, clock: Clock) =>
        new PgAggregateStore(poolOf(dataSource), orderTable(clock), outbox),
    },
    { provide: ORDER_READ_MODEL, useClass: PgOrderReadModel },
    { provide: KNOWN_CLIENTS, useClass: PgKnownClients },
    { provide: CATALOGUE, useClass: PgCatalogue },
    { provide: ORDER_BACKLOG, useClass: PgOrderBacklog },
    {
      provide: LEGACY_COMMANDE_CONTRACT,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new PgLegacyCommandeContractReadModel(poolOf(dataSource)),
    },
    OnClientRegisteredHandler,
    OnClientDeactivatedHandler,
    OnClientReactivatedHandler,
    OnClientErasedHandler,
    OnStockItemPriceChangedHandler,
    ConfirmOrderParticipant,
    SagaParticipant,
    RejectOrderParticipant,
    CancelOrderParticipant,
    OnStockItemCreatedHandler,
    OnStockItemVatRateChangedHandler,
  ],
  exports: [
    CLOCK,
    ORDER_REPOSITORY,
    ORDER_READ_MODEL,
    KNOWN_CLIENTS,
    CATALOGUE,
    ORDER_BACKLOG,
    LEGACY_COMMANDE_CONTRACT,
  ],
})
export class OrdersInfrastructureModule {}
