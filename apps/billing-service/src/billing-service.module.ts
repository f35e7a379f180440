import { Module } from '@nestjs/common';
import { billingApplicationProviders } from '@bascule/billing/application';
import { billingEventContracts, billingSagaContracts } from '@bascule/billing/contracts';
import { billingDatabase, BillingInfrastructureModule } from '@bascule/billing/infrastructure';
import { billingControllers } from '@bascule/billing/interface';
import { databaseOptions } from '@bascule/shared/persistence';
import { ServicePlatformModule } from '@bascule/shared/service';
import { sagaRepliesRetention } from '@bascule/saga';

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'billing-service',
      database: () => databaseOptions(billingDatabase),
      contracts: [...billingEventContracts, ...billingSagaContracts],
      retention: () => [sagaRepliesRetention()],
    }),
    BillingInfrastructureModule,
  ],
  controllers: billingControllers,
  providers: billingApplicationProviders,
})
export class BillingServiceModule {}
