import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Metadata } from '@grpc/grpc-js';
import { cloudRequest, CommandMetadata, CommandTarget } from '@bascule/shared/application';
import { rpcPrincipal } from '@bascule/shared/auth';
import { actorOf } from '@bascule/shared/contracts';
import { TSchema } from '@sinclair/typebox';
import { correlationIdFrom } from './grpc-correlation';
import { GrpcSchemaPipe } from './grpc-request-validation';

/** A gRPC call: its request, checked against its schema, and who asked (the correlation id of its metadata). */
export interface RpcCall<TRequest> {
  request: TRequest;
  metadata: CommandMetadata;
}

/** A gRPC call changing one resource: the request's `id` and `expected_version` make the command's target. */
export interface RpcChange<TRequest> extends RpcCall<TRequest> {
  target: CommandTarget;
}

function callOf(pipe: GrpcSchemaPipe, context: ExecutionContext): RpcCall<unknown> {
  const rpc = context.switchToRpc();
  const request = pipe.transform(rpc.getData());
  const actor = actorOf(rpcPrincipal(rpc.getContext<Metadata | undefined>()));
  return { request, metadata: cloudRequest(correlationIdFrom(rpc.getContext<Metadata>()), actor) };
}

/** The request checked against `schema` (INVALID_ARGUMENT naming the field) and the call's metadata, as one parameter. */
export function RpcCall(schema: TSchema): ParameterDecorator {
  const pipe = new GrpcSchemaPipe(schema);
  return createParamDecorator((_: unknown, context: ExecutionContext) => callOf(pipe, context))();
}

/** As `RpcCall`, with the target of a change: `id` and `expectedVersion` of the request. */
export function RpcChange(
  schema: TSchema,
  idOf: (request: Record<string, unknown>) => string = (r) => String(r.id),
): ParameterDecorator {
  const pipe = new GrpcSchemaPipe(schema);
  return createParamDecorator((_: unknown, context: ExecutionContext): RpcChange<unknown> => {
    const call = callOf(pipe, context) as RpcCall<Record<string, unknown> & { expectedVersion: number }>;
    const { expectedVersion } = call.request;
    return { ...call, target: { aggregateId: idOf(call.request), expectedVersion, metadata: call.metadata } };
  })();
}
