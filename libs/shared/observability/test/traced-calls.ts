// A process traced as a service is (startTracing before node:http is loaded), with the SDK's in-memory exporter:
// it serves one request and makes one outgoing call, both with a personal value in the query, then prints the
// attributes of the spans the exporter received as one JSON line.
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../src/tracing';

const exporter = new InMemorySpanExporter();
startTracing('traced-calls', exporter);

async function main() {
  const { createServer, get } = await import('node:http');
  const server = createServer((_request, response) => response.end('{}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve, reject) =>
    get(`http://127.0.0.1:${port}/v1/customers?email=${process.env.EMAIL}&limit=5`, (response) =>
      response.resume().on('end', resolve),
    ).on('error', reject),
  );
  while (exporter.getFinishedSpans().length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
  const spans = exporter.getFinishedSpans().map((span) => ({ kind: span.kind, attributes: span.attributes }));
  process.stdout.write(`spans ${JSON.stringify(spans)}\n`);
  server.close();
  process.exit(0);
}

void main();
