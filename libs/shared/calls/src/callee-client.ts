import {
  ChannelCredentials,
  ChannelOptions,
  credentials,
  loadPackageDefinition,
  Metadata,
  ServiceClientConstructor,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { PROTO_LOADER_OPTIONS } from '@bascule/shared/contracts';
import { context, propagation } from '@opentelemetry/api';
import { CallPolicy } from './call-policy';

/** The header shared/observability reads and logs (CORRELATION_HEADER there; this layer may not import it). */
export const CORRELATION_METADATA = 'x-correlation-id';

/** What identifies a callee's gRPC service: its context, its `.proto` and the service in it. */
export interface CalleeDefinition {
  /** The callee's context name (`client`): metrics label, settings prefix, error messages. */
  callee: string;
  protoPath: string;
  /** The proto package (`bascule.client.v1`). */
  package: string;
  /** The service in it (`ClientService`). */
  service: string;
  /**
   * The rpcs retried on a transient failure: reads, and writes the callee deduplicates. Any other rpc is tried
   * once (a retried write could be applied twice). Concurrent calls of one of these with the same request share one
   * call and its answer: a burst of orders for a client not known yet asks for it once, not once per order.
   */
  idempotentRpcs?: readonly string[];
}

export interface CalleeClientOptions extends CalleeDefinition {
  /** `host:port` */
  url: string;
  policy: CallPolicy;
  /** The caller's service token (a ServiceTokenSource's `token`). */
  token: () => Promise<string>;
  channelCredentials?: ChannelCredentials;
  /** grpc-js channel options; by default a lost callee is reconnected to within the breaker's half-open delay. */
  channelOptions?: ChannelOptions;
}

/** What travels with one call besides the request: the correlation id of the work that makes it. */
export interface CallMetadata {
  correlationId?: string;
}

/**
 * A callee's rpcs as the caller types them: `interface ClientRpcs { GetClient(request: GetClientRequest): Promise<Client> }`
 * (an interface or a type; the client generator writes them from the callee's `.proto`).
 */
export type Rpcs<T> = { [K in keyof T]: (request: never) => Promise<unknown> };

/** Each rpc takes the request and what travels with it; the answer as proto-loader decodes it. */
export type CalleeClient<T extends Rpcs<T>> = {
  [K in keyof T]: (request: Parameters<T[K]>[0], metadata?: CallMetadata) => ReturnType<T[K]>;
} & { readonly policy: CallPolicy; close(): void; onModuleDestroy(): void };

type UnaryMethod = (
  request: unknown,
  metadata: Metadata,
  options: { deadline: Date },
  callback: (error: Error | null, answer?: unknown) => void,
) => { cancel(): void };

/**
 * A client of a callee's gRPC service, from its `.proto`: every rpc of the service, each call under the callee's
 * CallPolicy, carrying the caller's bearer token, the deadline (the callee sees it), the trace context and the
 * correlation id. An rpc the proto does not declare is refused here, at start, not at the first call.
 */
export function createCalleeClient<T extends Rpcs<T>>(
  options: CalleeClientOptions,
  rpcs: readonly (keyof T & string)[],
): CalleeClient<T> {
  const definition = loadSync(options.protoPath, PROTO_LOADER_OPTIONS);
  const Service = lookup(loadPackageDefinition(definition), `${options.package}.${options.service}`) as
    ServiceClientConstructor | undefined;
  if (typeof Service !== 'function')
    throw new Error(`${options.protoPath} declares no service ${options.package}.${options.service}`);
  const declared = Object.keys(Service.service);
  const unknown = [...rpcs, ...(options.idempotentRpcs ?? [])].filter((rpc) => !declared.includes(rpc));
  if (unknown.length)
    throw new Error(
      `${options.package}.${options.service} has no rpc ${unknown.join(', ')} (it has ${declared.join(', ')})`,
    );
  // grpc-js backs off reconnecting up to 120 s: a callee back after an outage would wait that long for its callers.
  const channelOptions = {
    'grpc.max_reconnect_backoff_ms': options.policy.settings.breakerHalfOpenAfterMs,
    ...options.channelOptions,
  };
  const client = new Service(options.url, options.channelCredentials ?? credentials.createInsecure(), channelOptions);
  const idempotent = new Set(options.idempotentRpcs ?? []);

  const call = async (rpc: string, request: unknown, metadata: CallMetadata = {}): Promise<unknown> => {
    const token = await options.policy.token(rpc, options.token);
    return options.policy.execute(
      rpc,
      ({ signal, deadline }) =>
        new Promise((resolve, reject) => {
          const headers = new Metadata();
          headers.set('authorization', `Bearer ${token}`);
          if (metadata.correlationId) headers.set(CORRELATION_METADATA, metadata.correlationId);
          propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
          const method = (client as unknown as Record<string, UnaryMethod>)[rpc].bind(client);
          const pending = method(request, headers, { deadline }, (error, answer) =>
            error ? reject(error) : resolve(answer),
          );
          signal.addEventListener('abort', () => pending.cancel(), { once: true });
        }),
      { idempotent: idempotent.has(rpc) },
    );
  };

  const inFlight = new Map<string, Promise<unknown>>();
  const shared = (rpc: string, request: unknown, metadata?: CallMetadata): Promise<unknown> => {
    if (!idempotent.has(rpc)) return call(rpc, request, metadata);
    const key = `${rpc} ${JSON.stringify(request)}`;
    const pending = inFlight.get(key) ?? call(rpc, request, metadata).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
    return pending;
  };

  const close = () => client.close();
  return Object.assign(
    Object.fromEntries(
      rpcs.map((rpc) => [rpc, (request: unknown, metadata?: CallMetadata) => shared(rpc, request, metadata)]),
    ),
    { policy: options.policy, close, onModuleDestroy: close },
  ) as CalleeClient<T>;
}

function lookup(root: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], root);
}
