import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { orderSagaTopics } from '@bascule/order-saga';
import {
  groupStartingAtEnd,
  importRealmAdditions,
  postgresSettings,
  RunningService,
  startTestService,
  testKafka,
} from '@bascule/shared/testing';
import { createOrderSagaApp } from '../src/order-saga';

export interface RunningOrderSaga extends RunningService {
  /** The suite's own consumer group, started at the end of the topics (no other suite's history). */
  groupId: string;
  /** Takes away what the realm file added to the running Keycloak. */
  revoke(): Promise<void>;
}

/**
 * order-saga on a database of its own, the real broker and Keycloak, its outbox relay OFF: the commands it sends
 * stay in its outbox, where the suite's scripted participants read them, and never reach the real participants'
 * topics other suites consume. Until `npm run setup` made its role (bascule_order_saga_service), the suite's
 * database is the administrator's.
 */
export async function startOrderSaga(env: Record<string, string> = {}): Promise<RunningOrderSaga> {
  if (!process.env.ORDER_SAGA_DB_PASSWORD) {
    const admin = postgresSettings();
    Object.assign(process.env, { ORDER_SAGA_DB_USER: admin.user, ORDER_SAGA_DB_PASSWORD: admin.password });
  }
  const revoke = await importRealmAdditions(join(__dirname, '../../../tools/infra/keycloak/realm-bascule.json'));
  try {
    const groupId = await groupStartingAtEnd(testKafka(), `order-saga.test-${randomUUID()}`, orderSagaTopics);
    const service = await startTestService({
      prefix: 'ORDER_SAGA',
      topics: orderSagaTopics,
      create: createOrderSagaApp,
      env: { EVENT_CONSUMER_GROUP: groupId, OUTBOX_RELAY: 'off', SAGA_TIMER_POLL_MS: '50', ...env },
    });
    return Object.assign(service, { groupId, revoke });
  } catch (error) {
    await revoke();
    throw error;
  }
}
