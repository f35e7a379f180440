import { Module } from '@nestjs/common';
import { ordersApplicationProviders } from '@bascule/orders/application';
import { ordersEventContracts, ordersSagaContracts } from '@bascule/orders/contracts';
import { ordersDatabase, OrdersInfrastructureModule } from '@bascule/orders/infrastructure';
import { ordersControllers } from '@bascule/orders/interface';
import { databaseOptions } from '@bascule/shared/persistence';
import { ServicePlatformModule } from '@bascule/shared/service';
import { sagaRepliesRetention } from '@bascule/saga';

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'orders-service',
      database: () => databaseOptions(ordersDatabase),
      contracts: [...ordersEventContracts, ...ordersSagaContracts],
      retention: () => [sagaRepliesRetention()],
    }),
    OrdersInfrastructureModule,
  ],
  controllers: ordersControllers,
  providers: ordersApplicationProviders,
})
export class OrdersServiceModule {}
