import { ContextDatabase, platformMigrations } from '@bascule/shared/persistence';
import { CreateStockItems1796606854044 } from './migrations/1796606854044-create-stock-items';
import { CreateStockReservations1796607234632 } from './migrations/1796607234632-create-stock-reservations';
import { CreateStockReservationLines1796607271688 } from './migrations/1796607271688-create-stock-reservation-lines';
import { LegacyStockItemsTables1796612237433 } from './migrations/1796612237433-legacy-stock-items-tables';
import { StockItemVatRate1796619193622 } from './migrations/1796619193622-stock-item-vat-rate';
import { sagaParticipantMigrations } from '@bascule/saga';

/** The inventory context's own database (`INVENTORY_DATABASE`, default `bascule_inventory`). */
export const inventoryDatabase: ContextDatabase = {
  service: 'inventory-service',
  prefix: 'INVENTORY',
  database: 'bascule_inventory',
  migrations: [
    ...platformMigrations,
    CreateStockItems1796606854044,
    CreateStockReservations1796607234632,
    CreateStockReservationLines1796607271688,
    LegacyStockItemsTables1796612237433,
    StockItemVatRate1796619193622,
    ...sagaParticipantMigrations,
  ],
};
