import { PaymentGrpcController } from './grpc/payment-grpc.controller';
import { PaymentsController } from './rest/payments.controller';
import { PaymentsCommandsController } from './rest/payments-commands.controller';
import { LegacyPaiementsController } from './legacy/legacy-paiements.controller';

/** REST and gRPC edges of the payment context, for the service's module to mount. */
export const paymentControllers = [
  PaymentsController,
  PaymentGrpcController,
  PaymentsCommandsController,
  LegacyPaiementsController,
];
