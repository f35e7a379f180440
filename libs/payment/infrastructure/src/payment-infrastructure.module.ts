import { Module } from '@nestjs/common';
import { PAYMENT_READ_MODEL, PAYMENT_REPOSITORY } from '@bascule/payment/application';
import { CLOCK, Clock, systemClock } from '@bascule/shared/ddd';
import { OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { DataSource } from 'typeorm';
import { PgPaymentReadModel } from './persistence/pg-payment.read-model';
import { paymentTable } from './persistence/payment.table';
import { PaymentProviderModule } from './provider/payment-provider.module';
import { LegacyPaymentsSyncModule } from './legacy/legacy-payments.sync';
import { PgLegacyPaiementContract } from './legacy/pg-legacy-paiement-contract';
import { LEGACY_PAIEMENT_CONTRACT } from '@bascule/anti-corruption';
import { ConsumersModule } from '@bascule/shared/messaging';
import { AuthorizePaymentV1, CapturePaymentV1, VoidPaymentV1, RefundPaymentV1 } from '@bascule/payment/contracts';
import { AuthorizePaymentParticipant } from './consumers/authorize-payment.participant';
import { SagaParticipant } from '@bascule/saga';
import { CapturePaymentParticipant } from './consumers/capture-payment.participant';
import { VoidPaymentParticipant } from './consumers/void-payment.participant';
import { RefundPaymentParticipant } from './consumers/refund-payment.participant';

/** Adapters behind the payment application's ports. Needs TypeORM's DataSource and the platform's OutboxWriter. */
@Module({
  imports: [
    PaymentProviderModule,
    LegacyPaymentsSyncModule,
    ConsumersModule.forRoot({
      groupId: 'payment-service',
      topics: ['payment.commands.v1'],
      contracts: [AuthorizePaymentV1, CapturePaymentV1, VoidPaymentV1, RefundPaymentV1],
    }),
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    {
      provide: PAYMENT_REPOSITORY,
      inject: [DataSource, OutboxWriter, CLOCK],
      useFactory: (dataSource: DataSource, outbox: OutboxWriter, clock: Clock) =>
        new PgAggregateStore(poolOf(dataSource), paymentTable(clock), outbox),
    },
    { provide: PAYMENT_READ_MODEL, useClass: PgPaymentReadModel },
    { provide: LEGACY_PAIEMENT_CONTRACT, useClass: PgLegacyPaiementContract },
    AuthorizePaymentParticipant,
    SagaParticipant,
    CapturePaymentParticipant,
    VoidPaymentParticipant,
    RefundPaymentParticipant,
  ],
  exports: [CLOCK, PAYMENT_REPOSITORY, PAYMENT_READ_MODEL, LEGACY_PAIEMENT_CONTRACT, PaymentProviderModule],
})
export class PaymentInfrastructureModule {}
