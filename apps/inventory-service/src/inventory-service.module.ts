import { Module } from '@nestjs/common';
import { inventoryApplicationProviders } from '@bascule/inventory/application';
import { inventoryEventContracts, inventorySagaContracts } from '@bascule/inventory/contracts';
import { inventoryDatabase, InventoryInfrastructureModule } from '@bascule/inventory/infrastructure';
import { inventoryControllers } from '@bascule/inventory/interface';
import { databaseOptions } from '@bascule/shared/persistence';
import { ServicePlatformModule } from '@bascule/shared/service';
import { sagaRepliesRetention } from '@bascule/saga';

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'inventory-service',
      database: () => databaseOptions(inventoryDatabase),
      contracts: [...inventoryEventContracts, ...inventorySagaContracts],
      retention: () => [sagaRepliesRetention()],
    }),
    InventoryInfrastructureModule,
  ],
  controllers: inventoryControllers,
  providers: inventoryApplicationProviders,
})
export class InventoryServiceModule {}
