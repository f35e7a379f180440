import { callPolicySettings, DEFAULT_CALL_POLICY } from './call-settings';
import { serviceTokenSettings } from './service-token-settings';

describe('call settings', () => {
  it('are the documented defaults when nothing is set', () => {
    expect(callPolicySettings('client', {})).toEqual({
      deadlineMs: 2000,
      maxRetries: 2,
      backoffInitialMs: 50,
      backoffMaxMs: 1000,
      retryBudgetRatio: 0.1,
      retryBudgetCapacity: 10,
      breakerFailures: 5,
      breakerHalfOpenAfterMs: 5000,
    });
  });

  it("are read from the callee's variables, the environment winning over the code's overrides", () => {
    const settings = callPolicySettings(
      'payment-provider',
      { PAYMENT_PROVIDER_CALL_DEADLINE_MS: '800', PAYMENT_PROVIDER_CALL_RETRY_BUDGET_RATIO: '0.2' },
      { deadlineMs: 5000, maxRetries: 0 },
    );
    expect(settings).toEqual({ ...DEFAULT_CALL_POLICY, deadlineMs: 800, maxRetries: 0, retryBudgetRatio: 0.2 });
  });

  it.each([
    ['CLIENT_CALL_DEADLINE_MS', 'soon'],
    ['CLIENT_CALL_DEADLINE_MS', ''],
    ['CLIENT_CALL_MAX_RETRIES', '1.5'],
    ['CLIENT_CALL_MAX_RETRIES', '-1'],
    ['CLIENT_CALL_BREAKER_FAILURES', '0'],
    ['CLIENT_CALL_RETRY_BUDGET_RATIO', 'ten percent'],
  ])('refuse %s=%j at start, naming it', (name, value) => {
    expect(() => callPolicySettings('client', { [name]: value })).toThrow(name);
  });

  it('refuse a backoff whose ceiling is under its start', () => {
    expect(() =>
      callPolicySettings('client', { CLIENT_CALL_BACKOFF_INITIAL_MS: '500', CLIENT_CALL_BACKOFF_MAX_MS: '100' }),
    ).toThrow('CLIENT_CALL_BACKOFF_MAX_MS must be at least CLIENT_CALL_BACKOFF_INITIAL_MS');
  });
});

describe('service token settings', () => {
  it("are the local realm's client and secret outside production", () => {
    expect(serviceTokenSettings('orders-service', 'ORDERS', { NODE_ENV: 'development' })).toEqual({
      tokenUrl: 'http://127.0.0.1:8180/realms/bascule/protocol/openid-connect/token',
      clientId: 'orders-service',
      clientSecret: 'orders-service-local-secret',
      renewAt: 0.8,
    });
  });

  it('require the issuer and the client secret in production', () => {
    expect(() => serviceTokenSettings('orders-service', 'ORDERS', { NODE_ENV: 'production' })).toThrow('AUTH_ISSUER');
    expect(() =>
      serviceTokenSettings('orders-service', 'ORDERS', { NODE_ENV: 'production', AUTH_ISSUER: 'https://id/realms/b' }),
    ).toThrow('ORDERS_CLIENT_SECRET is required in production');
    expect(
      serviceTokenSettings('orders-service', 'ORDERS', {
        NODE_ENV: 'production',
        AUTH_ISSUER: 'https://id/realms/b/',
        ORDERS_CLIENT_SECRET: 's3cret',
        SERVICE_TOKEN_RENEW_AT: '0.5',
      }),
    ).toEqual({
      tokenUrl: 'https://id/realms/b/protocol/openid-connect/token',
      clientId: 'orders-service',
      clientSecret: 's3cret',
      renewAt: 0.5,
    });
  });

  it.each(['eighty', '1', '0'])('refuse SERVICE_TOKEN_RENEW_AT=%j, naming it', (value) => {
    expect(() => serviceTokenSettings('orders-service', 'ORDERS', { SERVICE_TOKEN_RENEW_AT: value })).toThrow(
      'SERVICE_TOKEN_RENEW_AT',
    );
  });
});
