import { startTracing } from '@bascule/shared/observability';

startTracing('client-service');
