import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { clientDatabase } from '@bascule/client/infrastructure';
import { inventoryDatabase } from '@bascule/inventory/infrastructure';
import { paymentDatabase } from '@bascule/payment/infrastructure';
import { ContextDatabase } from '@bascule/shared/persistence';
import { importRealmAdditions, spawnTs, TestDatabase, waitForExit } from '@bascule/shared/testing';
import { progress } from './bench-kit';

/** What runs around both sides of a context's part, and the settings both get from it. */
export interface Surroundings {
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * One context's main write path in the HTTP part of the bench: its service and the bare baseline's route
 * (`bench/baseline/routes/`) loaded with the same bodies.
 */
export interface HttpWriteContext {
  /** `BENCH_ONLY` selects the part by this name. */
  part: string;
  /** The path both sides are posted to (the scenario's name). */
  path: string;
  service: string;
  entry: string;
  /** The service's settings prefix (`CLIENT`): its database role and `<PREFIX>_*` ports and database. */
  prefix: string;
  database: ContextDatabase;
  /** `BASELINE_ROUTE` of bench/baseline/bare-fastify-server.ts. */
  baselineRoute: string;
  /** A request body no other request of the run uses. */
  body(): unknown;
  /** Started before both sides, stopped after (the simulated provider, the realm's roles for the bench's token). */
  around?(): Promise<Surroundings>;
  /**
   * What the path reads and the run never writes (the clients and catalogue orders keeps, the orders billing
   * invoices), written alike into both sides' databases after their migrations.
   */
  seed?(db: TestDatabase, plan: RunPlan): Promise<void>;
}

/** The part's runs, for a seed that sizes what the requests consume (one known order per invoice). */
export interface RunPlan {
  seconds: number;
  rates: number[];
}

const realmFile = join(__dirname, '../tools/infra/keycloak/realm-bascule.json');

/**
 * The realm's roles for this context on the running Keycloak, as `keycloak.sh start` imports them (a Keycloak
 * started before the context existed lacks them); taken away after the part.
 */
export async function realmRoles(): Promise<Surroundings> {
  const revoke = await importRealmAdditions(realmFile);
  return { env: {}, stop: revoke };
}

export const clientsContext: HttpWriteContext = {
  part: 'http',
  path: '/clients',
  service: 'client-service',
  entry: 'apps/client-service/src/main.ts',
  prefix: 'CLIENT',
  database: clientDatabase,
  baselineRoute: 'clients',
  body: () => ({
    givenName: 'Bench',
    familyName: 'Client',
    email: `bench.${randomUUID()}@example.com`,
    phone: null,
    address: { line1: '1 Bench Street', postalCode: '75001', city: 'Paris', country: 'FR' },
    companyId: null,
  }),
};

export const stockItemsContext: HttpWriteContext = {
  part: 'inventory',
  path: '/stock-items',
  service: 'inventory-service',
  entry: 'apps/inventory-service/src/main.ts',
  prefix: 'INVENTORY',
  database: inventoryDatabase,
  baselineRoute: 'stock-items',
  body: () => ({
    sku: `BENCH-${randomUUID()}`,
    label: 'Espresso cups, set of 6',
    unitPrice: { amount: 2490, currency: 'EUR' },
    onHand: 10,
  }),
  around: realmRoles,
};

export const paymentsContext: HttpWriteContext = {
  part: 'payment',
  path: '/payments',
  service: 'payment-service',
  entry: 'apps/payment-service/src/main.ts',
  prefix: 'PAYMENT',
  database: paymentDatabase,
  baselineRoute: 'payments',
  body: () => ({
    orderId: randomUUID(),
    amount: { amount: 1250, currency: 'EUR' },
    method: { type: 'card', token: 'tok_ok' },
  }),
  async around() {
    const roles = await realmRoles();
    const provider = spawnTs('bench/baseline/simulated-provider-server.ts', {});
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        provider.stdout?.on('data', (chunk: Buffer) => {
          seen += String(chunk);
          const ready = /provider ready at (\S+)/.exec(seen);
          if (ready) resolve(ready[1]);
        });
        provider.once('exit', (code) => reject(new Error(`simulated provider exited (${code}): ${seen}`)));
      });
      progress(`simulated payment provider (its own process) at ${url}; both sides authorize tok_ok there`);
      return {
        env: { PAYMENT_PROVIDER_URL: url },
        stop: async () => {
          provider.kill('SIGTERM');
          await waitForExit(provider);
          await roles.stop();
        },
      };
    } catch (error) {
      provider.kill('SIGTERM');
      await roles.stop();
      throw error;
    }
  },
};
