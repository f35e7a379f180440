import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { CallError } from './call-error';
import { CallPolicy } from './call-policy';
import { DEFAULT_CALL_POLICY } from './call-settings';
import { policyFetch } from './policy-fetch';

/** A provider on a real local socket: each request is answered by the next handler in `script`. */
describe('policyFetch: outbound HTTP under the same call policy', () => {
  let server: Server;
  let url: string;
  let script: ((request: IncomingMessage, response: ServerResponse) => void)[] = [];
  const seen: IncomingMessage[] = [];
  const status = (code: number) => (_: IncomingMessage, response: ServerResponse) =>
    response.writeHead(code).end(`${code}`);
  const hang = () => undefined;

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request);
      (script.shift() ?? status(200))(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/payments`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  let n = 0;
  const policy = (settings = {}) =>
    new CallPolicy(`provider-${++n}`, { ...DEFAULT_CALL_POLICY, backoffInitialMs: 1, backoffMaxMs: 5, ...settings });

  it('retries a GET answered 503, with the bearer token on each try, and hands over the answer', async () => {
    script = [status(503), status(503), status(200)];
    const answer = await policyFetch(policy(), url, { operation: 'GET /payments', token: async () => 't0ken' });
    expect(answer.status).toBe(200);
    expect(seen.map((r) => r.headers.authorization)).toEqual(['Bearer t0ken', 'Bearer t0ken', 'Bearer t0ken']);
  });

  it('hands over an answer whose body can still be read once the call is over (read within the deadline)', async () => {
    script = [
      (_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"outcome":"approved"}'),
    ];
    const answer = await policyFetch(policy(), url, { operation: 'GET /payments' });
    expect(await answer.json()).toEqual({ outcome: 'approved' });
    expect(answer.headers.get('content-type')).toBe('application/json');
  });

  it('tries a POST once (not idempotent) and ends with CALL.UPSTREAM_UNAVAILABLE', async () => {
    script = [status(503)];
    const failure = await policyFetch(policy(), url, { operation: 'POST /payments', method: 'POST', body: '{}' }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CallError);
    expect((failure as CallError).code).toBe('CALL.UPSTREAM_UNAVAILABLE');
    expect((failure as CallError).message).toContain('POST /payments: HTTP 503');
    expect(seen).toHaveLength(1);
  });

  it('retries a POST its caller declares idempotent (an idempotency key)', async () => {
    script = [status(502), status(201)];
    const answer = await policyFetch(policy(), url, {
      operation: 'POST /payments',
      method: 'POST',
      headers: { 'idempotency-key': 'k-1' },
      idempotent: true,
    });
    expect(answer.status).toBe(201);
    expect(seen.map((r) => r.headers['idempotency-key'])).toEqual(['k-1', 'k-1']);
  });

  it("hands over a 4xx as the provider's answer: not retried, the breaker not counting it", async () => {
    const calls = policy({ breakerFailures: 1 });
    script = [status(404), status(422)];
    expect((await policyFetch(calls, url, { operation: 'GET /payments' })).status).toBe(404);
    expect((await policyFetch(calls, url, { operation: 'GET /payments' })).status).toBe(422);
    expect(seen).toHaveLength(2);
    expect(calls.circuit).toBe('closed');
  });

  it('ends a provider that does not answer at the deadline with CALL.DEADLINE_EXCEEDED, then fails fast', async () => {
    const calls = policy({ deadlineMs: 300, breakerFailures: 1, maxRetries: 0 });
    script = [hang];
    const late = await policyFetch(calls, url, { operation: 'GET /payments' }).catch((error: unknown) => error);
    expect((late as CallError).code).toBe('CALL.DEADLINE_EXCEEDED');
    const fast = await policyFetch(calls, url, { operation: 'GET /payments' }).catch((error: unknown) => error);
    expect((fast as CallError).code).toBe('CALL.CIRCUIT_OPEN');
    expect(seen).toHaveLength(1);
  });
});
