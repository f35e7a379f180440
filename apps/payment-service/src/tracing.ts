import { startTracing } from '@bascule/shared/observability';

startTracing('payment-service');
