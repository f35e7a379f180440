import { InvoiceGrpcController } from './grpc/invoice-grpc.controller';
import { InvoicesController } from './rest/invoices.controller';
import { InvoicesCommandsController } from './rest/invoices-commands.controller';

/** REST and gRPC edges of the billing context, for the service's module to mount. */
export const billingControllers = [InvoicesController, InvoiceGrpcController, InvoicesCommandsController];
