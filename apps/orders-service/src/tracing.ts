import { startTracing } from '@bascule/shared/observability';

startTracing('orders-service');
