// Loaded first by traced-process.ts, as apps load their tracing.ts: OpenTelemetry is started from the
// standard OTEL_* variables before HTTP and pg are required, so their instrumentations apply.
import { startTracing } from '@bascule/shared/observability';

startTracing('traced-process');
