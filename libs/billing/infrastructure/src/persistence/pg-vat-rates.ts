import { Injectable } from '@nestjs/common';
import { VatRates } from '@bascule/billing/application';
import { vatRateOrDefault } from '@bascule/shared/ddd';
import { executorOf, poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * The rate of each sku from what billing keeps of inventory.events.v1 (`known_stock_items`). A sku billing never
 * heard of, or one whose events carried no rate (published before v1 had it), is at 20 % (ADR 0043, 0054).
 */
@Injectable()
export class PgVatRates implements VatRates {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  async ratesOf(skus: readonly string[]): Promise<ReadonlyMap<string, number>> {
    const rows = await executorOf(this.pool).query<{ sku: string; vat_rate: number | null }>(
      'SELECT sku, vat_rate FROM known_stock_items WHERE sku = ANY($1::text[])',
      [skus],
    );
    const known = new Map(rows.map((row) => [row.sku, row.vat_rate]));
    return new Map(skus.map((sku) => [sku, vatRateOrDefault(known.get(sku))]));
  }
}
