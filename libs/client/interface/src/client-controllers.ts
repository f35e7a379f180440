import { ClientGrpcController } from './grpc/client-grpc.controller';
import { LegacyClientsController } from './legacy/legacy-clients.controller';
import { ClientCommandsController } from './rest/client-commands.controller';
import { ClientsController } from './rest/clients.controller';

/** REST, gRPC and legacy-contract edges of the client context, for the service's module to mount. */
export const clientControllers = [
  ClientsController,
  ClientCommandsController,
  ClientGrpcController,
  LegacyClientsController,
];
