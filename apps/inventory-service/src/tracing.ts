import { startTracing } from '@bascule/shared/observability';

startTracing('inventory-service');
