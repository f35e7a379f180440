import { Module } from '@nestjs/common';
import {
  STOCK_ITEM_READ_MODEL,
  STOCK_ITEM_REPOSITORY,
  STOCK_RESERVATION_READ_MODEL,
  STOCK_RESERVATION_REPOSITORY,
  STOCK_TRANSACTION,
} from '@bascule/inventory/application';
import { LEGACY_STOCK_CONTRACT } from '@bascule/anti-corruption';
import { CLOCK, Clock, systemClock } from '@bascule/shared/ddd';
import { OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { DataSource } from 'typeorm';
import { PgStockItemReadModel } from './persistence/pg-stock-item.read-model';
import { stockItemTable } from './persistence/stock-item.table';
import { PgStockReservationReadModel } from './persistence/pg-stock-reservation.read-model';
import { stockReservationTable } from './persistence/stock-reservation.table';
import { PgStockTransaction } from './persistence/pg-stock-transaction';
import { LegacyStockItemsSyncModule } from './legacy/legacy-stock-items.sync';
import { ConsumersModule } from '@bascule/shared/messaging';
import { ReserveStockV1, ReleaseStockV1 } from '@bascule/inventory/contracts';
import { ReserveStockParticipant } from './consumers/reserve-stock.participant';
import { SagaParticipant } from '@bascule/saga';
import { ReleaseStockParticipant } from './consumers/release-stock.participant';
import { PgLegacyStockContractReadModel } from './legacy/pg-legacy-stock-contract.read-model';
import { OrderShippedV1 } from '@bascule/orders/contracts';
import { OnOrderShippedHandler } from './consumers/on-order-shipped.handler';

/** Adapters behind the inventory application's ports. Needs TypeORM's DataSource and the platform's OutboxWriter. */
@Module({
  imports: [
    LegacyStockItemsSyncModule,
    ConsumersModule.forRoot({
      groupId: 'inventory-service',
      topics: ['inventory.commands.v1', 'orders.events.v1'],
      contracts: [ReserveStockV1, ReleaseStockV1, OrderShippedV1],
    }),
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    {
      provide: STOCK_ITEM_REPOSITORY,
      inject: [DataSource, OutboxWriter, CLOCK],
      useFactory: (dataSource: DataSource, outbox: OutboxWriter, clock: Clock) =>
        new PgAggregateStore(poolOf(dataSource), stockItemTable(clock), outbox),
    },
    { provide: STOCK_ITEM_READ_MODEL, useClass: PgStockItemReadModel },
    {
      provide: STOCK_RESERVATION_REPOSITORY,
      inject: [DataSource, OutboxWriter, CLOCK],
      useFactory: (dataSource: DataSource, outbox: OutboxWriter, clock: Clock) =>
        new PgAggregateStore(poolOf(dataSource), stockReservationTable(clock), outbox),
    },
    { provide: STOCK_RESERVATION_READ_MODEL, useClass: PgStockReservationReadModel },
    { provide: STOCK_TRANSACTION, useClass: PgStockTransaction },
    ReserveStockParticipant,
    SagaParticipant,
    ReleaseStockParticipant,
    {
      provide: LEGACY_STOCK_CONTRACT,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new PgLegacyStockContractReadModel(poolOf(dataSource)),
    },
    OnOrderShippedHandler,
  ],
  exports: [
    CLOCK,
    STOCK_ITEM_REPOSITORY,
    STOCK_ITEM_READ_MODEL,
    STOCK_RESERVATION_REPOSITORY,
    STOCK_RESERVATION_READ_MODEL,
    STOCK_TRANSACTION,
    LEGACY_STOCK_CONTRACT,
  ],
})
export class InventoryInfrastructureModule {}
