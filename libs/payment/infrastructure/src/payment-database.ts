import { ContextDatabase, platformMigrations } from '@bascule/shared/persistence';
import { CreatePayments1796606950322 } from './migrations/1796606950322-create-payments';
import { PaymentsFromLegacy1796623000000 } from './migrations/1796623000000-payments-from-legacy';
import { LegacyPaymentsTables1796619398201 } from './migrations/1796619398201-legacy-payments-tables';
import { sagaParticipantMigrations } from '@bascule/saga';

/** The payment context's own database (`PAYMENT_DATABASE`, default `bascule_payment`). */
export const paymentDatabase: ContextDatabase = {
  service: 'payment-service',
  prefix: 'PAYMENT',
  database: 'bascule_payment',
  migrations: [
    ...platformMigrations,
    CreatePayments1796606950322,
    PaymentsFromLegacy1796623000000,
    LegacyPaymentsTables1796619398201,
    ...sagaParticipantMigrations,
  ],
};
