import { Counter, Gauge, register } from 'prom-client';

const single = <T>(name: string, create: () => T): T => (register.getSingleMetric(name) as T | undefined) ?? create();

/** Prometheus metrics of token verification (one registry per process: tests start several apps in one). */
export const authMetrics = {
  providerUp: single(
    'bascule_identity_provider_up',
    () =>
      new Gauge({
        name: 'bascule_identity_provider_up',
        help: "Whether the identity provider's discovery and keys answered at the last attempt (0: tokens are verified with the keys last fetched)",
      }),
  ),
  verifiedWithLastKnownKeys: single(
    'bascule_tokens_verified_with_last_known_keys_total',
    () =>
      new Counter({
        name: 'bascule_tokens_verified_with_last_known_keys_total',
        help: 'Tokens verified with the keys last fetched because the identity provider could not be reached',
      }),
  ),
};
