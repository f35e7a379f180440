import { startTracing } from '@bascule/shared/observability';

startTracing('order-saga');
