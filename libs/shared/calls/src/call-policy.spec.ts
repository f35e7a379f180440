import { CallError } from './call-error';
import { callMetrics } from './call-metrics';
import { CallPolicy } from './call-policy';
import { CallPolicySettings, DEFAULT_CALL_POLICY } from './call-settings';

/** What grpc-js rejects with when the callee is down. */
const unavailable = () =>
  Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
    code: 14,
    details: 'No connection established',
    metadata: {},
  });
/** The callee's answer "no such client": not a failure of the call. */
const notFound = () =>
  Object.assign(new Error('5 NOT_FOUND: no client c-1'), { code: 5, details: 'no client', metadata: {} });

let calleeNumber = 0;
const policyOf = (settings: Partial<CallPolicySettings> = {}) =>
  new CallPolicy(`callee-${++calleeNumber}`, { ...DEFAULT_CALL_POLICY, ...settings });

/** An attempt that fails with each error given in turn, then answers `ok`; counts its calls. */
function scripted(...failures: Error[]) {
  const attempt = jest.fn(async () => {
    const failure = failures.shift();
    if (failure) throw failure;
    return 'ok';
  });
  return attempt;
}

/** Advances the fake clock 10 ms at a time until the call settles, so backoff delays and deadlines pass. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  let settled = false;
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  void outcome.finally(() => (settled = true));
  for (let step = 0; !settled && step < 1000; step++) await jest.advanceTimersByTimeAsync(10);
  return outcome;
}

const codeOf = (error: unknown) => (error as CallError).code;

describe('CallPolicy', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('retries an idempotent call on a transient failure, with backoff, and answers', async () => {
    const policy = policyOf();
    const attempt = scripted(unavailable(), unavailable());
    expect(await settle(policy.execute('GetClient', attempt, { idempotent: true }))).toEqual({ value: 'ok' });
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('tries a call that is not idempotent once: a retried write could be applied twice', async () => {
    const policy = policyOf();
    const attempt = scripted(unavailable());
    const { error } = await settle(policy.execute('RegisterClient', attempt, { idempotent: false }));
    expect(codeOf(error)).toBe('CALL.UPSTREAM_UNAVAILABLE');
    expect((error as Error).message).toBe(
      'CALL.UPSTREAM_UNAVAILABLE: ' + policy.callee + ' RegisterClient: unavailable (grpc:UNAVAILABLE)',
    );
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('gives up after maxRetries retries with CALL.UPSTREAM_UNAVAILABLE, the last failure as its cause', async () => {
    const policy = policyOf({ maxRetries: 2 });
    const attempt = scripted(unavailable(), unavailable(), unavailable(), unavailable());
    const { error } = await settle(policy.execute('GetClient', attempt, { idempotent: true }));
    expect(codeOf(error)).toBe('CALL.UPSTREAM_UNAVAILABLE');
    expect((error as Error).cause).toMatchObject({ code: 14 });
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it("hands the callee's refusal over as it is: not retried, not counted by the breaker", async () => {
    const policy = policyOf({ breakerFailures: 2 });
    for (let call = 0; call < 5; call++) {
      const attempt = scripted(notFound());
      const { error } = await settle(policy.execute('GetClient', attempt, { idempotent: true }));
      expect(error).toMatchObject({ code: 5 });
      expect(attempt).toHaveBeenCalledTimes(1);
    }
    expect(policy.circuit).toBe('closed');
  });

  it('spends no more retries than its budget: a steady outage is not amplified', async () => {
    // Capacity 2, nothing earned per call: two retries in all, whatever the number of calls.
    const policy = policyOf({ retryBudgetRatio: 0, retryBudgetCapacity: 2, maxRetries: 2, breakerFailures: 1000 });
    const attempts: jest.Mock[] = [];
    for (let call = 0; call < 10; call++) {
      const attempt = scripted(unavailable(), unavailable(), unavailable());
      attempts.push(attempt);
      const { error } = await settle(policy.execute('GetClient', attempt, { idempotent: true }));
      expect(codeOf(error)).toBe('CALL.UPSTREAM_UNAVAILABLE');
    }
    expect(attempts.map((a) => a.mock.calls.length)).toEqual([3, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('opens after consecutive failures, fails fast with CALL.CIRCUIT_OPEN, probes once half-open, closes on success', async () => {
    const policy = policyOf({ breakerFailures: 3, breakerHalfOpenAfterMs: 5000, maxRetries: 0 });
    for (let call = 0; call < 3; call++)
      expect(
        codeOf((await settle(policy.execute('GetClient', scripted(unavailable()), { idempotent: true }))).error),
      ).toBe('CALL.UPSTREAM_UNAVAILABLE');
    expect(policy.circuit).toBe('open');

    const notTried = scripted();
    const { error } = await settle(policy.execute('GetClient', notTried, { idempotent: true }));
    expect(codeOf(error)).toBe('CALL.CIRCUIT_OPEN');
    expect((error as Error).cause).toMatchObject({ code: 14 });
    expect(notTried).not.toHaveBeenCalled();

    await jest.advanceTimersByTimeAsync(5000);
    const probe = scripted(unavailable());
    expect(codeOf((await settle(policy.execute('GetClient', probe, { idempotent: true }))).error)).toBe(
      'CALL.UPSTREAM_UNAVAILABLE',
    );
    expect(probe).toHaveBeenCalledTimes(1);
    expect(policy.circuit).toBe('open'); // the probe failed: open again for another 5 s

    await jest.advanceTimersByTimeAsync(5000);
    expect(await settle(policy.execute('GetClient', scripted(), { idempotent: true }))).toEqual({ value: 'ok' });
    expect(policy.circuit).toBe('closed');
  });

  it('ends a call at its deadline with CALL.DEADLINE_EXCEEDED, aborting the attempt, and counts it as a failure', async () => {
    const policy = policyOf({ deadlineMs: 2000, breakerFailures: 1, maxRetries: 2 });
    let signal: AbortSignal | undefined;
    let deadline: Date | undefined;
    const startedAt = Date.now();
    const hung = jest.fn(
      (call: { signal: AbortSignal; deadline: Date }) =>
        new Promise<string>((_, reject) => {
          ({ signal, deadline } = call);
          call.signal.addEventListener('abort', () => reject(Object.assign(new Error('1 CANCELLED'), { code: 1 })));
        }),
    );
    const { error } = await settle(policy.execute('GetClient', hung, { idempotent: true }));
    expect(codeOf(error)).toBe('CALL.DEADLINE_EXCEEDED');
    expect(signal?.aborted).toBe(true);
    expect(deadline?.getTime()).toBe(startedAt + 2000);
    expect(hung).toHaveBeenCalledTimes(1);
    expect(policy.circuit).toBe('open');
  });

  it('counts calls by callee, rpc and outcome, and the breaker state', async () => {
    const policy = policyOf({ breakerFailures: 1, maxRetries: 0 });
    await settle(policy.execute('GetClient', scripted(), { idempotent: true }));
    await settle(policy.execute('GetClient', scripted(notFound()), { idempotent: true }));
    await settle(policy.execute('GetClient', scripted(unavailable()), { idempotent: true }));
    await settle(policy.execute('GetClient', scripted(), { idempotent: true }));
    await settle(
      policy.token('GetClient', () => Promise.reject(new CallError('CALL.TOKEN_UNAVAILABLE', 'token', 'x', 'down'))),
    );
    const counted = (await callMetrics.calls.get()).values
      .filter((v) => v.labels.callee === policy.callee)
      .map((v) => [v.labels.rpc, v.labels.outcome, v.value]);
    expect(counted).toEqual(
      expect.arrayContaining([
        ['GetClient', 'ok', 1],
        ['GetClient', 'refused', 1],
        ['GetClient', 'upstream_unavailable', 1],
        ['GetClient', 'circuit_open', 1],
        ['GetClient', 'token_unavailable', 1],
      ]),
    );
    const state = (await callMetrics.circuitState.get()).values.find((v) => v.labels.callee === policy.callee);
    expect(state?.value).toBe(1);
  });
});
