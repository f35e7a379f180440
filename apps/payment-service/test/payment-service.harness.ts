import { join } from 'node:path';
import { PAYMENT_EVENTS_TOPIC } from '@bascule/payment/contracts';
import { SimulatedPaymentProvider } from '@bascule/payment/infrastructure';
import { BadInputWorld, importRealmAdditions, RunningService, startTestService } from '@bascule/shared/testing';
import { createPaymentApp } from '../src/payment-service';

export interface RunningPaymentService extends RunningService {
  provider: SimulatedPaymentProvider;
}

/**
 * payment-service in this process, on its own test database, with the simulated provider over HTTP and the realm's
 * payment roles in the running Keycloak (as `keycloak.sh start` would import the rendered realm; taken away again
 * on close). The provider's deadline is short so that tok_timeout's test does not wait long.
 */
export async function startPaymentService(env: Record<string, string> = {}): Promise<RunningPaymentService> {
  const revoke = await importRealmAdditions(join(__dirname, '../../../tools/infra/keycloak/realm-bascule.json'));
  const provider = new SimulatedPaymentProvider();
  const url = await provider.start();
  const service = await startTestService({
    prefix: 'PAYMENT',
    topics: [PAYMENT_EVENTS_TOPIC, `${PAYMENT_EVENTS_TOPIC}.dlq`],
    create: createPaymentApp,
    env: {
      PAYMENT_PROVIDER_URL: url,
      PAYMENT_PROVIDER_CALL_DEADLINE_MS: '3000',
      // The breaker is proven in the provider's int-spec; here provider errors of one test must not open it for the next.
      PAYMENT_PROVIDER_CALL_BREAKER_FAILURES: '1000',
      ...env,
    },
  });
  const closeService = service.close;
  return Object.assign(service, {
    provider,
    close: async () => {
      await closeService();
      await provider.stop();
      await revoke();
    },
  });
}

export const ORDER_ID = '5b0f5e4e-8c1d-4a3b-9e2f-000000000000';
export const aPaymentRequest = (overrides: Record<string, unknown> = {}) => ({
  orderId: ORDER_ID,
  amount: { amount: 1250, currency: 'EUR' },
  method: { type: 'card', token: 'tok_ok' },
  ...overrides,
});

export interface PaymentBadInputWorld {
  service: RunningPaymentService;
  orderId: string;
  /** The order's payment, AUTHORIZED for 12.50 EUR (version 1). */
  id: string;
}

/** The world both bad-input suites (REST and gRPC) refuse input in: an AUTHORIZED payment of an order (ORDER_ID unless said). */
export const paymentBadInputWorld = (orderId = ORDER_ID): BadInputWorld<PaymentBadInputWorld> => ({
  start: async () => {
    const service = await startPaymentService();
    const created = await service.http().post('/payments').send(aPaymentRequest({ orderId })).expect(201);
    return { service, orderId, id: created.body.id };
  },
  target: (world) => world.service,
  close: (world) => world.service.close(),
});
