import { SpanKind } from '@opentelemetry/api';
import { spawnTs, waitForExit } from '@bascule/shared/testing';

/** Spans as a service exports them (the real SDK, HTTP instrumentation and exporter): no query value that may be personal. */
describe('HTTP spans of a traced process', () => {
  it('redact the query values of the outgoing call and of the request served, as the instrumentation names them (url.full, url.query)', async () => {
    const email = `ada.${Date.now()}%40example.com`;
    const child = spawnTs('libs/shared/observability/test/traced-calls.ts', {
      EMAIL: email,
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await waitForExit(child)).toBe(0);
    const spans = JSON.parse(/^spans (.*)$/m.exec(output)?.[1] ?? 'null') as {
      kind: SpanKind;
      attributes: Record<string, unknown>;
    }[];
    const client = spans.find((span) => span.kind === SpanKind.CLIENT)?.attributes;
    const server = spans.find((span) => span.kind === SpanKind.SERVER)?.attributes;
    expect(client).toMatchObject({
      'url.full': expect.stringMatching(/\/v1\/customers\?email=\[redacted\]&limit=5$/),
    });
    expect(server).toMatchObject({
      'url.path': '/v1/customers',
      'url.query': 'email=[redacted]&limit=5',
    });
    expect(JSON.stringify(spans)).not.toContain(email);
    expect(JSON.stringify(spans)).not.toContain(decodeURIComponent(email));
  });
});
