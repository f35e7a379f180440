import { Injectable } from '@nestjs/common';
import { Catalogue, CatalogueTerms } from '@bascule/orders/application';
import { MoneyJson } from '@bascule/shared/contracts';
import { Money, vatRateOrDefault } from '@bascule/shared/ddd';
import { executorOf, poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * The unit prices and VAT rates orders keeps of inventory's stock items (`known_stock_items`, from
 * inventory.events.v1). A sku whose events carried no rate (published before v1 had it) is at 20 %, as billing
 * taxes it (ADR 0054).
 */
@Injectable()
export class PgCatalogue implements Catalogue {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  async termsOf(skus: readonly string[]): Promise<ReadonlyMap<string, CatalogueTerms>> {
    const rows = await executorOf(this.pool).query<{ sku: string; unit_price: MoneyJson; vat_rate: number | null }>(
      'SELECT sku, unit_price, vat_rate FROM known_stock_items WHERE sku = ANY($1) AND unit_price IS NOT NULL',
      [skus],
    );
    return new Map(
      rows.map((row) => [
        row.sku,
        {
          unitPrice: Money.fromJSON(row.unit_price),
          vatRate: vatRateOrDefault(row.vat_rate),
        },
      ]),
    );
  }
}
