import { randomUUID } from 'node:crypto';
import { databaseOptions } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { billingDatabase } from '../billing-database';
import { PgVatRates } from './pg-vat-rates';

describe('the VAT rate of each sku, from what billing keeps of inventory.events.v1 (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('billing_vat_rates', serviceRole('BILLING'));
    dataSource = await new DataSource(
      databaseOptions(billingDatabase, { ...process.env, BILLING_DATABASE: db.name }),
    ).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const keep = (sku: string, vatRate: number | null) =>
    dataSource.query('INSERT INTO known_stock_items (id, version, sku, vat_rate) VALUES ($1, 1, $2, $3)', [
      randomUUID(),
      sku,
      vatRate,
    ]);

  it('is the kept rate; 20 % for a sku whose events carried none, and for one billing never heard of', async () => {
    await keep('FOOD', 550);
    await keep('PRESS', 210);
    await keep('OLD', null);
    const rates = await new PgVatRates(dataSource).ratesOf(['FOOD', 'PRESS', 'OLD', 'UNHEARD']);
    expect([...rates]).toEqual([
      ['FOOD', 550],
      ['PRESS', 210],
      ['OLD', 2000],
      ['UNHEARD', 2000],
    ]);
  });
});
