import { Counter, Gauge, register } from 'prom-client';

function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** What happened to a call, as the `outcome` label says it. */
export type CallOutcome =
  'ok' | 'refused' | 'circuit_open' | 'deadline_exceeded' | 'upstream_unavailable' | 'token_unavailable';

export const CIRCUIT_STATE_VALUES = { closed: 0, open: 1, 'half-open': 2 } as const;
export type CircuitStateName = keyof typeof CIRCUIT_STATE_VALUES;

/** Prometheus metrics of outbound calls (gRPC to another context, HTTP to a provider). */
export const callMetrics = {
  calls: metric(
    'bascule_calls_total',
    () =>
      new Counter({
        name: 'bascule_calls_total',
        help: 'Outbound calls by callee, operation (rpc or HTTP route) and outcome; refused: the callee answered with an error',
        labelNames: ['callee', 'rpc', 'outcome'],
      }),
  ),
  retries: metric(
    'bascule_call_retries_total',
    () =>
      new Counter({
        name: 'bascule_call_retries_total',
        help: 'Retries of idempotent outbound calls (within the retry budget)',
        labelNames: ['callee', 'rpc'],
      }),
  ),
  circuitState: metric(
    'bascule_call_circuit_state',
    () =>
      new Gauge({
        name: 'bascule_call_circuit_state',
        help: "A callee's circuit breaker: 0 closed, 1 open (calls fail fast), 2 half-open (one probe call)",
        labelNames: ['callee'],
      }),
  ),
};
