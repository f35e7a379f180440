import { collectDefaultMetrics, Histogram, register } from 'prom-client';

let started = false;
const httpDuration = new Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'HTTP request duration by method, route pattern and status',
  labelNames: ['method', 'route', 'status_code'],
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5],
});

export function startDefaultMetrics(serviceName: string): void {
  if (started) return;
  started = true;
  register.setDefaultLabels({ service: serviceName });
  collectDefaultMetrics();
}

/** Records one HTTP request; `route` is the route pattern (`/clients/:id`), never the raw URL. */
export function observeHttpRequest(method: string, route: string, statusCode: number, seconds: number): void {
  httpDuration.observe({ method, route, status_code: String(statusCode) }, seconds);
}

export const metricsRegistry = register;
