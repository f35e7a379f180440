import { ContextDatabase, platformMigrations } from '@bascule/shared/persistence';
import { CreateStockItems1796606854044 } from './migrations/1796606854044-create-stock-items';

/** The inventory context's own database (`INVENTORY_DATABASE`, default `bascule_inventory`). */
export const inventoryDatabase: ContextDatabase = {
  service: 'inventory-service',
  prefix: 'INVENTORY',
  database: 'bascule_inventory',
  migrations: [...platformMigrations, CreateStockItems1796606854044],
};
