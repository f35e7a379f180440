import { SpanKind } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { redactedAttribute, UrlRedactingSpanProcessor } from './span-redaction';

describe('URL attributes of spans', () => {
  const exporter = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({
    spanProcessors: [new UrlRedactingSpanProcessor(), new SimpleSpanProcessor(exporter)],
  }).getTracer('test');
  afterEach(() => exporter.reset());

  it('an outgoing call’s URL and query reach the exporter with their personal values redacted', () => {
    const span = tracer.startSpan('GET', { kind: SpanKind.CLIENT });
    span.setAttributes({
      'url.full': 'https://pay.example/v1/customers?email=ada%40example.com&limit=5',
      'http.url': 'https://pay.example/v1/customers?email=ada%40example.com&limit=5',
      'http.target': '/v1/customers?email=ada%40example.com&limit=5',
      'url.query': 'email=ada%40example.com&limit=5',
      'http.method': 'GET',
    });
    span.end();
    expect(exporter.getFinishedSpans()[0].attributes).toEqual({
      'url.full': 'https://pay.example/v1/customers?email=[redacted]&limit=5',
      'http.url': 'https://pay.example/v1/customers?email=[redacted]&limit=5',
      'http.target': '/v1/customers?email=[redacted]&limit=5',
      'url.query': 'email=[redacted]&limit=5',
      'http.method': 'GET',
    });
  });

  it('an incoming request’s target is redacted the same way, and a URL without a query is left as it is', () => {
    const span = tracer.startSpan('GET /clients', { kind: SpanKind.SERVER });
    span.setAttributes({ 'http.target': '/clients?text=Lovelace', 'url.full': 'http://127.0.0.1:3001/clients/42' });
    span.end();
    expect(exporter.getFinishedSpans()[0].attributes).toEqual({
      'http.target': '/clients?text=[redacted]',
      'url.full': 'http://127.0.0.1:3001/clients/42',
    });
  });

  it('redacts `url.query`, which holds the query without its question mark', () => {
    expect(redactedAttribute('url.query', 'email=a%40b.c&status=ACTIVE')).toBe('email=[redacted]&status=ACTIVE');
    expect(redactedAttribute('url.full', 'http://h/p?phone=0601')).toBe('http://h/p?phone=[redacted]');
  });
});
