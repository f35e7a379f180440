import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { context, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  createServiceClient,
  eventually,
  freePort,
  spawnTs,
  testIssuer,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import {
  calleeClientToken,
  CallError,
  CalleeClient,
  CallsModule,
  CallPolicy,
  createCalleeClient,
  DEFAULT_CALL_POLICY,
  ServiceTokenSource,
} from '../src';

interface EchoReply {
  id: string;
  correlationId: string;
  traceparent: string;
  tokenId: string;
  clientId: string;
  served: number;
}
interface EchoRpcs {
  Echo(request: { id: string }): Promise<EchoReply>;
}

const ECHO = {
  protoPath: join(__dirname, 'echo.proto'),
  package: 'bascule.test.v1',
  service: 'EchoService',
  idempotentRpcs: ['Echo'],
};

interface Outcome {
  id: string;
  correlationId: string;
  reply?: EchoReply;
  error?: unknown;
}

/** `workers` loops calling Echo, each call with its own id and correlation id, every outcome kept in order. */
function load(client: CalleeClient<EchoRpcs>, workers: number) {
  const outcomes: Outcome[] = [];
  let stopped = false;
  const worker = async () => {
    while (!stopped) {
      const id = randomUUID();
      const correlationId = `load-${id}`;
      try {
        outcomes.push({ id, correlationId, reply: await client.Echo({ id }, { correlationId }) });
      } catch (error) {
        outcomes.push({ id, correlationId, error });
      }
      // Paced: calls that fail fast would otherwise spin this process.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const running = Array.from({ length: workers }, worker);
  return {
    outcomes,
    since: (index: number) => outcomes.slice(index),
    stop: async () => {
      stopped = true;
      await Promise.all(running);
    },
  };
}

const codeOf = (outcome: Outcome) => (outcome.error instanceof CallError ? outcome.error.code : undefined);
const answered = (outcomes: Outcome[]) => outcomes.filter((o) => o.reply);

/** Every answer is the echo of its own call: its id, its correlation id, a token of the caller's client. */
function expectEchoes(outcomes: Outcome[], clientId: string): void {
  for (const { id, correlationId, reply } of answered(outcomes)) {
    expect(reply).toMatchObject({ id, correlationId, clientId });
    expect(reply?.tokenId).not.toBe('');
  }
}

describe('calls to another context over gRPC, on real processes and Keycloak', () => {
  const clientId = `calls-it-${randomUUID().slice(0, 8)}`;
  const secret = randomUUID();
  let removeClient: () => Promise<void>;
  let port: number;
  let callee: ChildProcess | undefined;
  const clients: CalleeClient<EchoRpcs>[] = [];

  const startCallee = async () => {
    callee = spawnTs('libs/shared/calls/test/echo-callee.ts', { ECHO_PORT: String(port) });
    await waitForOutput(callee, /echo-callee listening/);
  };
  const clientOf = (policy: CallPolicy, tokens: ServiceTokenSource) => {
    const client = createCalleeClient<EchoRpcs>(
      { ...ECHO, callee: policy.callee, url: `127.0.0.1:${port}`, policy, token: () => tokens.token() },
      ['Echo'],
    );
    clients.push(client);
    return client;
  };
  // Tokens live 10 s: renewed at 8 s, several times during each test.
  const tokenSource = () =>
    new ServiceTokenSource({
      tokenUrl: `${testIssuer}/protocol/openid-connect/token`,
      clientId,
      clientSecret: secret,
      renewAt: 0.8,
    });

  beforeAll(async () => {
    removeClient = await createServiceClient(clientId, secret, 10);
    port = await freePort();
    await startCallee();
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  }, 120_000);

  afterAll(async () => {
    clients.forEach((client) => client.close());
    if (callee && callee.exitCode === null && callee.signalCode === null) {
      callee.kill('SIGKILL');
      await waitForExit(callee);
    }
    propagation.disable();
    context.disable();
    await removeClient?.();
  });

  it('carries the bearer token, the deadline, the trace context and the correlation id', async () => {
    const policy = new CallPolicy(`echo-${randomUUID().slice(0, 8)}`, DEFAULT_CALL_POLICY);
    const client = clientOf(policy, tokenSource());
    const traceId = randomUUID().replace(/-/g, '');
    const span = trace.setSpanContext(ROOT_CONTEXT, {
      traceId,
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });
    const reply = await context.with(span, () => client.Echo({ id: 'one' }, { correlationId: 'corr-1' }));
    expect(reply).toMatchObject({ id: 'one', correlationId: 'corr-1', clientId });
    expect(reply.traceparent).toBe(`00-${traceId}-00f067aa0ba902b7-01`);
  });

  it('shares one call among concurrent identical calls of an idempotent rpc; distinct ones each get their own', async () => {
    const policy = new CallPolicy(`echo-${randomUUID().slice(0, 8)}`, DEFAULT_CALL_POLICY);
    const client = clientOf(policy, tokenSource());
    const same = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.Echo({ id: 'same' }, { correlationId: `same-${i}` })),
    );
    expect(new Set(same.map((reply) => reply.served)).size).toBe(1);
    expect(same.every((reply) => reply.id === 'same')).toBe(true);

    const distinct = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.Echo({ id: `own-${i}` }, { correlationId: `own-${i}` })),
    );
    expect(new Set(distinct.map((reply) => reply.served)).size).toBe(20);
    expect(distinct.map((reply) => reply.correlationId)).toEqual(distinct.map((_, i) => `own-${i}`));
    // Once answered, the same request is a new call.
    const again = await client.Echo({ id: 'same' });
    expect(again.served).toBeGreaterThan(Math.max(...distinct.map((reply) => reply.served)));
  });

  it('renews tokens under load with no failed call', async () => {
    const policy = new CallPolicy(`echo-${randomUUID().slice(0, 8)}`, DEFAULT_CALL_POLICY);
    const running = load(clientOf(policy, tokenSource()), 4);
    // Three tokens seen by the callee: two renewals, each while calls went on.
    await eventually(async () => new Set(answered(running.outcomes).map((o) => o.reply?.tokenId)).size >= 3, 90_000);
    await running.stop();

    expect(running.outcomes.filter((o) => o.error).map((o) => String(o.error))).toEqual([]);
    expectEchoes(running.outcomes, clientId);
  }, 120_000);

  it('opens the breaker when the callee is SIGKILLed under load, fails fast with CALL.CIRCUIT_OPEN, recovers when it is back', async () => {
    const policy = new CallPolicy(`echo-${randomUUID().slice(0, 8)}`, {
      ...DEFAULT_CALL_POLICY,
      deadlineMs: 1000,
      breakerFailures: 5,
      breakerHalfOpenAfterMs: 1000,
    });
    const running = load(clientOf(policy, tokenSource()), 4);
    await eventually(async () => answered(running.outcomes).length >= 50);
    expect(running.outcomes.filter((o) => o.error)).toEqual([]);

    callee?.kill('SIGKILL');
    await waitForExit(callee!);
    const killedAt = running.outcomes.length;
    await eventually(
      async () => running.since(killedAt).filter((o) => codeOf(o) === 'CALL.CIRCUIT_OPEN').length >= 200,
    );
    expect(['open', 'half-open']).toContain(policy.circuit);

    await startCallee();
    const restartedAt = running.outcomes.length;
    await eventually(async () => answered(running.since(restartedAt)).length >= 100, 60_000);
    await running.stop();
    expect(policy.circuit).toBe('closed');

    // Every call either answered with its own echo or failed with a clear, transient CALL.* error: none hung,
    // none got another call's answer.
    const failures = running.outcomes.filter((o) => o.error);
    for (const failure of failures)
      expect(['CALL.CIRCUIT_OPEN', 'CALL.UPSTREAM_UNAVAILABLE', 'CALL.DEADLINE_EXCEEDED']).toContain(codeOf(failure));
    expectEchoes(running.outcomes, clientId);
    // While it was open, calls failed without reaching for the callee: far more fast failures than tries.
    const fast = failures.filter((o) => codeOf(o) === 'CALL.CIRCUIT_OPEN').length;
    expect(fast).toBeGreaterThan(failures.length - fast);
    // Once back, the breaker closed and calls answered again, to the last.
    expect(running.outcomes.slice(-20).every((o) => o.reply)).toBe(true);
  }, 180_000);
  describe('CallsModule.forCallee', () => {
    // The caller's Keycloak client is `<caller>-service`, its secret `<CALLER>_CLIENT_SECRET`.
    const caller = `calls-module-${randomUUID().slice(0, 8)}`;
    const secretName = `${caller.toUpperCase().replace(/-/g, '_')}_CLIENT_SECRET`;
    let removeCaller: () => Promise<void>;
    const moduleFor = (callee: string) =>
      CallsModule.forCallee({ ...ECHO, caller, callee, rpcs: ['Echo'], grpcPort: port });

    beforeAll(async () => {
      removeCaller = await createServiceClient(`${caller}-service`, secret, 300);
      process.env[secretName] = secret;
    });
    afterAll(async () => {
      delete process.env[secretName];
      await removeCaller?.();
    });

    it("provides the callee's client under calleeClientToken, calling with the caller's own token", async () => {
      const app = await NestFactory.createApplicationContext(moduleFor('echo-module'), { logger: false });
      try {
        const client = app.get<CalleeClient<EchoRpcs>>(calleeClientToken('echo-module'));
        expect(await client.Echo({ id: 'from-module' }, { correlationId: 'corr-module' })).toMatchObject({
          id: 'from-module',
          correlationId: 'corr-module',
          clientId: `${caller}-service`,
        });
      } finally {
        await app.close();
      }
    });

    it('refuses to start on a setting that is not a number, naming it', async () => {
      process.env.ECHO_BAD_CALL_DEADLINE_MS = 'soon';
      try {
        await expect(
          NestFactory.createApplicationContext(moduleFor('echo-bad'), { logger: false, abortOnError: false }),
        ).rejects.toThrow('ECHO_BAD_CALL_DEADLINE_MS must be a whole number of at least 1, got "soon"');
      } finally {
        delete process.env.ECHO_BAD_CALL_DEADLINE_MS;
      }
    });
  });
});
