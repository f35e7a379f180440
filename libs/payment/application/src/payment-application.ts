import { PaymentChanges } from './payment-changes';
import { CreatePaymentHandler } from './commands/create-payment/create-payment.handler';

import { GetPaymentHandler } from './queries/get-payment/get-payment.handler';
import { ListPaymentsHandler } from './queries/list-payments/list-payments.handler';
import { CaptureHandler } from './commands/capture/capture.handler';
import { VoidHandler } from './commands/void/void.handler';
import { RefundHandler } from './commands/refund/refund.handler';
import { SyncPaymentFromLegacyTablesHandler } from './commands/sync-payment-from-legacy-tables/sync-payment-from-legacy-tables.handler';

/** Every provider of the payment application layer, for the service module to register. */
export const paymentApplicationProviders = [
  PaymentChanges,
  CreatePaymentHandler,
  GetPaymentHandler,
  ListPaymentsHandler,
  CaptureHandler,
  VoidHandler,
  RefundHandler,
  SyncPaymentFromLegacyTablesHandler,
];
