import { ContextDatabase, platformMigrations } from '@bascule/shared/persistence';
import { sagaMigrations } from '@bascule/saga';

/** The orchestrator's own database (`ORDER_SAGA_DATABASE`, default `bascule_saga`): its sagas, outbox and inbox. */
export const orderSagaDatabase: ContextDatabase = {
  service: 'order-saga',
  prefix: 'ORDER_SAGA',
  database: 'bascule_saga',
  migrations: [...platformMigrations, ...sagaMigrations],
};
