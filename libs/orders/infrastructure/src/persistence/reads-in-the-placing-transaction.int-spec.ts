import { randomUUID } from 'node:crypto';
import { databaseOptions, inTransaction, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { ClientCallee } from '../calls/client.callee';
import { ordersDatabase } from '../orders-database';
import { PgCatalogue } from './pg-catalogue';
import { PgKnownClients } from './pg-known-clients';
import { PgOrderBacklog } from './pg-order-backlog';

/**
 * An order is placed in the transaction that keeps its Idempotency-Key: what placing it reads (the client's status,
 * the catalogue, the backlog) must be read on that transaction's connection. Read on another one from the pool, each
 * request would hold a connection while waiting for a second: with as many requests as connections, none gets one
 * (the 200-orders e2e answered 503s for minutes). Here a pool of two and six placements at once.
 */
describe('what placing an order reads, it reads in the placing transaction', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const clientId = randomUUID();
  const sku = `TX-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    db = await createTestDatabase('orders_reads', serviceRole('ORDERS'));
    const env = { ...process.env, ORDERS_DATABASE: db.name, DB_POOL_SIZE: '2', DB_CONNECT_TIMEOUT_MS: '3000' };
    dataSource = await new DataSource(databaseOptions(ordersDatabase, env)).initialize();
    await dataSource.query(`INSERT INTO known_clients (id, version, status) VALUES ($1, 1, 'ACTIVE')`, [clientId]);
    await dataSource.query(
      `INSERT INTO known_stock_items (id, version, sku, unit_price, vat_rate) VALUES ($1, 1, $2, $3, 550)`,
      [randomUUID(), sku, JSON.stringify({ amount: 990, currency: 'EUR' })],
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('six placements at once on a pool of two connections: each reads the client, the catalogue and the backlog', async () => {
    const pool = poolOf(dataSource);
    const clients = new PgKnownClients(dataSource, {} as ClientCallee);
    const catalogue = new PgCatalogue(dataSource);
    const backlog = new PgOrderBacklog(dataSource);
    const placing = () =>
      inTransaction(pool, async () => [
        await clients.statusOf(clientId, 'corr-tx'),
        (await catalogue.termsOf([sku])).get(sku)?.vatRate,
        await backlog.pending(),
      ]);
    const read = await Promise.all(Array.from({ length: 6 }, placing));
    expect(read).toEqual(Array.from({ length: 6 }, () => ['ACTIVE', 550, 0]));
  });
});
