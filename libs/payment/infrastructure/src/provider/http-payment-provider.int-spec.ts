import { randomUUID } from 'node:crypto';
import { AuthorizationCall } from '@bascule/payment/application';
import { CallPolicy, CallPolicySettings, DEFAULT_CALL_POLICY } from '@bascule/shared/calls';
import { HttpPaymentProvider } from './http-payment-provider';
import { SimulatedPaymentProvider } from './simulated-payment-provider';

/** The provider adapter over real HTTP against the simulated provider, under a real call policy. */
describe('HttpPaymentProvider against the simulated provider (HTTP, call policy)', () => {
  const simulator = new SimulatedPaymentProvider();
  let url: string;
  beforeAll(async () => {
    url = await simulator.start();
  });
  afterAll(() => simulator.stop());

  const settings = (overrides: Partial<CallPolicySettings> = {}): CallPolicySettings => ({
    ...DEFAULT_CALL_POLICY,
    deadlineMs: 5000,
    backoffInitialMs: 10,
    backoffMaxMs: 50,
    ...overrides,
  });
  const providerWith = (overrides: Partial<CallPolicySettings> = {}) => {
    const policy = new CallPolicy('payment-provider', settings(overrides));
    return { policy, provider: new HttpPaymentProvider(url, policy) };
  };
  const call = (token: string, idempotencyKey = randomUUID()): AuthorizationCall => ({
    idempotencyKey,
    orderId: randomUUID(),
    amount: { amount: 1250, currency: 'EUR' },
    token,
    correlationId: randomUUID(),
  });

  it('tok_ok approves with the provider’s reference; asked again with the same key, the same authorization', async () => {
    const { provider } = providerWith();
    const ok = call('tok_ok');
    const first = await provider.authorize(ok);
    expect(first).toEqual({ outcome: 'approved', reference: expect.stringMatching(/^sim_/) });
    expect(await provider.authorize(ok)).toEqual(first);
    expect(simulator.ledger(ok.orderId)).toEqual({ requests: 2, authorizations: 1 });
  });

  it('tok_declined declines for insufficient funds: a decision, not a failure', async () => {
    const { provider, policy } = providerWith();
    const declined = call('tok_declined');
    expect(await provider.authorize(declined)).toMatchObject({ outcome: 'declined', reason: 'insufficient_funds' });
    expect(policy.circuit).toBe('closed');
  });

  it('tok_slow answers after 2 s, within the provider’s deadline', async () => {
    const { provider } = providerWith();
    const slow = call('tok_slow');
    expect(await provider.authorize(slow)).toMatchObject({ outcome: 'approved' });
    expect(simulator.ledger(slow.orderId)).toEqual({ requests: 1, authorizations: 1 });
  });

  it('tok_timeout: the deadline applies (CALL.DEADLINE_EXCEEDED); retried with the same key, one authorization only', async () => {
    const { provider } = providerWith({ deadlineMs: 300, breakerFailures: 100 });
    const timeout = call('tok_timeout');
    for (let retry = 0; retry < 3; retry++)
      await expect(provider.authorize(timeout)).rejects.toMatchObject({ code: 'CALL.DEADLINE_EXCEEDED' });
    expect(simulator.ledger(timeout.orderId)).toEqual({ requests: 3, authorizations: 1 });
  });

  it('tok_error is retried with backoff (1 + maxRetries requests), then fails clearly with CALL.UPSTREAM_UNAVAILABLE', async () => {
    const { provider } = providerWith({ maxRetries: 2, breakerFailures: 100 });
    const error = call('tok_error');
    await expect(provider.authorize(error)).rejects.toMatchObject({
      code: 'CALL.UPSTREAM_UNAVAILABLE',
      message: expect.stringContaining('HTTP 503'),
    });
    expect(simulator.ledger(error.orderId)).toEqual({ requests: 3, authorizations: 0 });
  });

  it('opens the breaker under repeated provider errors: then calls fail fast (CALL.CIRCUIT_OPEN) without reaching it', async () => {
    const { provider, policy } = providerWith({ maxRetries: 0, breakerFailures: 3, breakerHalfOpenAfterMs: 60_000 });
    for (let failure = 0; failure < 3; failure++)
      await expect(provider.authorize(call('tok_error'))).rejects.toMatchObject({ code: 'CALL.UPSTREAM_UNAVAILABLE' });
    expect(policy.circuit).toBe('open');
    const ok = call('tok_ok');
    await expect(provider.authorize(ok)).rejects.toMatchObject({ code: 'CALL.CIRCUIT_OPEN' });
    expect(simulator.ledger(ok.orderId)).toEqual({ requests: 0, authorizations: 0 });
  });

  it('closes the breaker again after a successful probe once the half-open delay has passed', async () => {
    const { provider, policy } = providerWith({ maxRetries: 0, breakerFailures: 2, breakerHalfOpenAfterMs: 200 });
    for (let failure = 0; failure < 2; failure++)
      await expect(provider.authorize(call('tok_error'))).rejects.toMatchObject({ code: 'CALL.UPSTREAM_UNAVAILABLE' });
    expect(policy.circuit).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await provider.authorize(call('tok_ok'))).toMatchObject({ outcome: 'approved' });
    expect(policy.circuit).toBe('closed');
  });
});
