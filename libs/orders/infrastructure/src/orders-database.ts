import { ContextDatabase, platformMigrations } from '@bascule/shared/persistence';
import { CatalogueBySku1796609400000 } from './migrations/1796609400000-catalogue-by-sku';
import { CreateOrders1796608064468 } from './migrations/1796608064468-create-orders';
import { CreateOrderLines1796608112377 } from './migrations/1796608112377-create-order-lines';
import { KeepOnClientRegistered1796608295176 } from './migrations/1796608295176-keep-on-client-registered';
import { KeepOnClientDeactivated1796608320151 } from './migrations/1796608320151-keep-on-client-deactivated';
import { KeepOnClientReactivated1796608348168 } from './migrations/1796608348168-keep-on-client-reactivated';
import { KeepOnClientErased1796608379736 } from './migrations/1796608379736-keep-on-client-erased';
import { KeepOnStockItemCreated1796609190893 } from './migrations/1796609190893-keep-on-stock-item-created';
import { KeepOnStockItemPriceChanged1796609248648 } from './migrations/1796609248648-keep-on-stock-item-price-changed';
import { LegacyOrdersTables1796619666088 } from './migrations/1796619666088-legacy-orders-tables';
import { OrderCancellingStatus1796800590000 } from './migrations/1796800590000-order-cancelling-status';
import { OrderTotalInclVat1796681700000 } from './migrations/1796681700000-order-total-incl-vat';
import { sagaParticipantMigrations } from '@bascule/saga';
import { KeepOnStockItemVatRateChanged1796681583183 } from './migrations/1796681583183-keep-on-stock-item-vat-rate-changed';

/** The orders context's own database (`ORDERS_DATABASE`, default `bascule_orders`). */
export const ordersDatabase: ContextDatabase = {
  service: 'orders-service',
  prefix: 'ORDERS',
  database: 'bascule_orders',
  migrations: [
    ...platformMigrations,
    CreateOrders1796608064468,
    CreateOrderLines1796608112377,
    KeepOnClientRegistered1796608295176,
    KeepOnClientDeactivated1796608320151,
    KeepOnClientReactivated1796608348168,
    KeepOnClientErased1796608379736,
    KeepOnStockItemCreated1796609190893,
    KeepOnStockItemPriceChanged1796609248648,
    CatalogueBySku1796609400000,
    LegacyOrdersTables1796619666088,
    ...sagaParticipantMigrations,
    OrderCancellingStatus1796800590000,
    OrderTotalInclVat1796681700000,
    KeepOnStockItemVatRateChanged1796681583183,
  ],
};
