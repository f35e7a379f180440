import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { INVENTORY_EVENTS_TOPIC } from '@bascule/inventory/contracts';
import { BadInputWorld, importRealmAdditions, RunningService, startTestService } from '@bascule/shared/testing';
import { createInventoryApp } from '../src/inventory-service';

/** A sku no other run uses. */
export const aSku = (prefix = 'E2E') => `${prefix}-${randomUUID().slice(0, 8)}`;

export const aStockItem = (overrides: Record<string, unknown> = {}) => ({
  sku: aSku(),
  label: 'Espresso cups, set of 6',
  unitPrice: { amount: 2490, currency: 'EUR' },
  onHand: 10,
  ...overrides,
});

export interface RunningInventory extends RunningService {
  /** Takes away what the realm file added to the running Keycloak. */
  revoke(): Promise<void>;
}

/**
 * inventory-service on a database of its own, the real broker and Keycloak. The running Keycloak learns the roles
 * and audience the rendered realm file gives inventory (as `keycloak.sh start` imports it), and forgets them after.
 */
export async function startInventoryService(env: Record<string, string> = {}): Promise<RunningInventory> {
  const revoke = await importRealmAdditions(join(__dirname, '../../../tools/infra/keycloak/realm-bascule.json'));
  try {
    const service = await startTestService({
      prefix: 'INVENTORY',
      topics: [INVENTORY_EVENTS_TOPIC, `${INVENTORY_EVENTS_TOPIC}.dlq`],
      create: createInventoryApp,
      env,
    });
    return Object.assign(service, { revoke });
  } catch (error) {
    await revoke();
    throw error;
  }
}

export interface InventoryBadInputWorld {
  service: RunningInventory;
  /** A stock item of 5 on hand, 1 of them reserved (version 2). */
  sku: string;
  /** The order whose reservation holds that unit (version 1). */
  orderId: string;
}

/** The world both bad-input suites (REST and gRPC) refuse input in: a stock item with one unit reserved. */
async function startInventoryBadInputWorld(): Promise<InventoryBadInputWorld> {
  const service = await startInventoryService();
  const item = aStockItem({ onHand: 5 });
  await service.http().post('/stock-items').send(item).expect(201);
  const orderId = randomUUID();
  await service
    .http()
    .post('/stock-reservations')
    .send({ orderId, lines: [{ sku: item.sku, quantity: 1 }] })
    .expect(201);
  return { service, sku: item.sku, orderId };
}

/** The world both bad-input suites (REST and gRPC) of inventory run their cases in. */
export const inventoryBadInputWorld: BadInputWorld<InventoryBadInputWorld> = {
  start: startInventoryBadInputWorld,
  target: (world) => world.service,
  close: async ({ service }) => {
    await service.close();
    await service.revoke();
  },
};
