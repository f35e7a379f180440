import { ContextDatabase, platformMigrations } from '@bascule/shared/persistence';
import { CreatePayments1796606950322 } from './migrations/1796606950322-create-payments';

/** The payment context's own database (`PAYMENT_DATABASE`, default `bascule_payment`). */
export const paymentDatabase: ContextDatabase = {
  service: 'payment-service',
  prefix: 'PAYMENT',
  database: 'bascule_payment',
  migrations: [...platformMigrations, CreatePayments1796606950322],
};
