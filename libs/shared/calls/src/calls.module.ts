import { DynamicModule, Logger, Module } from '@nestjs/common';
import { CalleeDefinition, createCalleeClient } from './callee-client';
import { CallPolicy } from './call-policy';
import { CallPolicySettings, callPolicySettings, envPrefixOf } from './call-settings';
import { ServiceTokenSource } from './service-token-source';
import { serviceTokenSettings } from './service-token-settings';

export interface CalleeModuleOptions extends CalleeDefinition {
  /** The calling context's name (`orders`): its Keycloak client is `<caller>-service`. */
  caller: string;
  /** The rpcs the caller uses: those of its manifest's `calls` entry, and only those. */
  rpcs: readonly string[];
  /** The callee's gRPC port from its manifest: `<CALLEE>_GRPC_URL` defaults to 127.0.0.1 on it. */
  grpcPort: number;
  /** Defaults of this callee's policy other than the platform's (the environment still wins). */
  policy?: Partial<CallPolicySettings>;
}

/** The injection token of a callee's client: `@Inject(calleeClientToken('client')) client: CalleeClient<...>`. */
export const calleeClientToken = (callee: string): string => `bascule:calls:client:${callee}`;
/** The injection token of a callee's CallPolicy (its breaker state, for a readiness detail or a test). */
export const callPolicyToken = (callee: string): string => `bascule:calls:policy:${callee}`;

/** One token per calling service, whatever the number of callees: one request to the provider per renewal. */
const tokenSources = new Map<string, ServiceTokenSource>();

function tokenSourceOf(caller: string): ServiceTokenSource {
  const service = `${caller}-service`;
  let source = tokenSources.get(service);
  if (!source) {
    source = new ServiceTokenSource(serviceTokenSettings(service, envPrefixOf(caller)), new Logger('ServiceToken'));
    tokenSources.set(service, source);
  }
  return source;
}

/**
 * Calls to another context's gRPC service: `CallsModule.forCallee({ caller: 'orders', callee: 'client', ... })`
 * provides the typed client under calleeClientToken('client'). Settings are read when the module starts: a
 * non-numeric one stops the start with its name (docs/adr/0026-call-policy.md).
 */
@Module({})
export class CallsModule {
  static forCallee(options: CalleeModuleOptions): DynamicModule {
    const policyToken = callPolicyToken(options.callee);
    return {
      module: CallsModule,
      providers: [
        {
          provide: policyToken,
          useFactory: () =>
            new CallPolicy(options.callee, callPolicySettings(options.callee, process.env, options.policy)),
        },
        {
          provide: calleeClientToken(options.callee),
          inject: [policyToken],
          useFactory: (policy: CallPolicy) => {
            const source = tokenSourceOf(options.caller);
            return createCalleeClient(
              {
                ...options,
                url: process.env[`${envPrefixOf(options.callee)}_GRPC_URL`] ?? `127.0.0.1:${options.grpcPort}`,
                policy,
                token: () => source.token(),
              },
              options.rpcs,
            );
          },
        },
      ],
      exports: [calleeClientToken(options.callee), policyToken],
    };
  }
}
