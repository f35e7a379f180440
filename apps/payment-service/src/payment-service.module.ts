import { Module } from '@nestjs/common';
import { paymentApplicationProviders } from '@bascule/payment/application';
import { paymentEventContracts, paymentSagaContracts } from '@bascule/payment/contracts';
import { paymentDatabase, PaymentInfrastructureModule } from '@bascule/payment/infrastructure';
import { paymentControllers } from '@bascule/payment/interface';
import { databaseOptions } from '@bascule/shared/persistence';
import { ServicePlatformModule } from '@bascule/shared/service';
import { sagaRepliesRetention } from '@bascule/saga';

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'payment-service',
      database: () => databaseOptions(paymentDatabase),
      contracts: [...paymentEventContracts, ...paymentSagaContracts],
      retention: () => [sagaRepliesRetention()],
    }),
    PaymentInfrastructureModule,
  ],
  controllers: paymentControllers,
  providers: paymentApplicationProviders,
})
export class PaymentServiceModule {}
