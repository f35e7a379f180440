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

/** Adapters behind the payment application's ports. Needs TypeORM's DataSource and the platform's OutboxWriter. */
@Module({
  imports: [PaymentProviderModule, LegacyPaymentsSyncModule],
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
  ],
  exports: [CLOCK, PAYMENT_REPOSITORY, PAYMENT_READ_MODEL, LEGACY_PAIEMENT_CONTRACT, PaymentProviderModule],
})
export class PaymentInfrastructureModule {}
