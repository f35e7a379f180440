import { join } from 'node:path';

export const CLIENT_GRPC_PACKAGE = 'bascule.client.v1';
export const CLIENT_GRPC_SERVICE = 'ClientService';
export const CLIENT_PROTO_PATH = join(__dirname, 'proto', 'client.proto');
