import { Module } from '@nestjs/common';
import { paymentApplicationProviders } from '@bascule/payment/application';
import { paymentEventContracts } from '@bascule/payment/contracts';
import { paymentDatabase, PaymentInfrastructureModule } from '@bascule/payment/infrastructure';
import { paymentControllers } from '@bascule/payment/interface';
import { databaseOptions } from '@bascule/shared/persistence';
import { ServicePlatformModule } from '@bascule/shared/service';

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'payment-service',
      database: () => databaseOptions(paymentDatabase),
      contracts: paymentEventContracts,
    }),
    PaymentInfrastructureModule,
  ],
  controllers: paymentControllers,
  providers: paymentApplicationProviders,
})
export class PaymentServiceModule {}
