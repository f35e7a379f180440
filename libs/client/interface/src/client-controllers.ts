import { ClientGrpcController } from './grpc/client-grpc.controller';
import { ClientCommandsController } from './rest/client-commands.controller';
import { ClientsController } from './rest/clients.controller';

/** REST and gRPC edges of the client context, for the service's module to mount. */
export const clientControllers = [ClientsController, ClientCommandsController, ClientGrpcController];
