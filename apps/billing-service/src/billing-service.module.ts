import { Module } from '@nestjs/common';
import { billingApplicationProviders } from '@bascule/billing/application';
import { billingEventContracts } from '@bascule/billing/contracts';
import { billingDatabase, BillingInfrastructureModule } from '@bascule/billing/infrastructure';
import { billingControllers } from '@bascule/billing/interface';
import { databaseOptions } from '@bascule/shared/persistence';
import { ServicePlatformModule } from '@bascule/shared/service';

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'billing-service',
      database: () => databaseOptions(billingDatabase),
      contracts: billingEventContracts,
    }),
    BillingInfrastructureModule,
  ],
  controllers: billingControllers,
  providers: billingApplicationProviders,
})
export class BillingServiceModule {}
