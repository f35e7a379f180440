import { BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { UrlRedactingSpanProcessor } from './span-redaction';
import { tracingProcessors } from './tracing';

describe('the processors tracing starts with', () => {
  const saved = process.env.OTEL_TRACES_EXPORTER;
  afterEach(() => (process.env.OTEL_TRACES_EXPORTER = saved));

  it('redacts before the given exporter exports', () => {
    const processors = tracingProcessors(new InMemorySpanExporter());
    expect(processors.map((p) => p.constructor)).toEqual([UrlRedactingSpanProcessor, BatchSpanProcessor]);
  });

  it('redacts before the exporters the environment names', () => {
    process.env.OTEL_TRACES_EXPORTER = 'console';
    const processors = tracingProcessors();
    // NodeSDK's own SimpleSpanProcessor, of @opentelemetry/sdk-trace (sdk-trace-base re-exports it through a shim).
    expect(processors.map((p) => p.constructor.name)).toEqual([
      UrlRedactingSpanProcessor.name,
      SimpleSpanProcessor.name,
    ]);
  });

  it('has none when the environment exports nothing', () => {
    process.env.OTEL_TRACES_EXPORTER = 'none';
    expect(tracingProcessors()).toEqual([]);
  });
});
