import { CalleeClient, calleeClientToken, CallsModule } from '@bascule/shared/calls';
import { CLIENT_GRPC_PACKAGE, CLIENT_GRPC_SERVICE, CLIENT_PROTO_PATH } from '@bascule/client/contracts';

/**
 * client-service's gRPC service as orders calls it (its manifest's `calls`): every call under the call
 * policy, with orders-service's own token (docs/adr/0026-call-policy.md). Inject it in an adapter:
 * `@Inject(CLIENT_CALLEE) private readonly client: ClientCallee`.
 */
export const CLIENT_CALLEE = calleeClientToken('client');
export type ClientCallee = CalleeClient<ClientRpcs>;

/** The rpcs called, typed from libs/client/contracts/src/proto/client.proto. */
export interface ClientRpcs {
  GetClient(request: GetClientRequest): Promise<Client>;
}

export interface GetClientRequest {
  id: string;
}

export interface Client {
  id: string;
  version: number;
  givenName: string;
  familyName: string;
  email?: string;
  phone?: string;
  address?: Address;
  companyId?: string;
  status: string;
}

export interface Address {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  country: string;
}

/** Settings: CLIENT_GRPC_URL (127.0.0.1:50051), CLIENT_CALL_DEADLINE_MS, ... (README). */
export const ClientCalleeModule = CallsModule.forCallee({
  caller: 'orders',
  callee: 'client',
  protoPath: CLIENT_PROTO_PATH,
  package: CLIENT_GRPC_PACKAGE,
  service: CLIENT_GRPC_SERVICE,
  rpcs: ['GetClient'],
  // Retried on a transient failure: reads. A write is retried only if the callee deduplicates it (ADR 0026).
  idempotentRpcs: ['GetClient'],
  grpcPort: 50051,
});
