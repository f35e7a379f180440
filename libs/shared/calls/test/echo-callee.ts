// A gRPC callee in its own process, for calls.int-spec.ts: SIGKILLed and restarted on the same port under load.
// It refuses a call without a bearer token or with one past its `exp` (UNAUTHENTICATED), and echoes what
// travelled with the call. Not a token verifier (shared/auth is): it reads the claims the test needs.
import {
  Server,
  ServerCredentials,
  ServerUnaryCall,
  sendUnaryData,
  status,
  loadPackageDefinition,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { join } from 'node:path';

interface EchoRequest {
  id: string;
}

const definition = loadSync(join(__dirname, 'echo.proto'), { keepCase: false, longs: Number, defaults: true });
const proto = loadPackageDefinition(definition) as unknown as {
  bascule: { test: { v1: { EchoService: { service: Parameters<Server['addService']>[0] } } } };
};

function claimsOf(authorization: string | undefined): { jti?: string; exp?: number; azp?: string } | undefined {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  const payload = token?.split('.')[1];
  return payload ? JSON.parse(Buffer.from(payload, 'base64url').toString()) : undefined;
}

let served = 0;

function echo(call: ServerUnaryCall<EchoRequest, unknown>, reply: sendUnaryData<unknown>): void {
  const header = (name: string) => call.metadata.get(name)[0]?.toString() ?? '';
  const claims = claimsOf(header('authorization'));
  if (!claims?.exp || claims.exp * 1000 <= Date.now())
    return reply({ code: status.UNAUTHENTICATED, details: claims ? 'token expired' : 'no bearer token' });
  reply(null, {
    id: call.request.id,
    correlationId: header('x-correlation-id'),
    traceparent: header('traceparent'),
    tokenId: claims.jti ?? '',
    clientId: claims.azp ?? '',
    served: ++served,
  });
}

const server = new Server();
server.addService(proto.bascule.test.v1.EchoService.service, { Echo: echo });
server.bindAsync(`127.0.0.1:${process.env.ECHO_PORT}`, ServerCredentials.createInsecure(), (error, port) => {
  if (error) throw error;
  console.log(`echo-callee listening on ${port}`);
});
