import { startTracing } from '@bascule/shared/observability';

startTracing('billing-service');
