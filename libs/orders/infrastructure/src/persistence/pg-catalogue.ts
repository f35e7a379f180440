import { Injectable } from '@nestjs/common';
import { Catalogue } from '@bascule/orders/application';
import { MoneyJson } from '@bascule/shared/contracts';
import { Money } from '@bascule/shared/ddd';
import { poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

/** The unit prices orders keeps of inventory's stock items (`known_stock_items`, from inventory.events.v1). */
@Injectable()
export class PgCatalogue implements Catalogue {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  async pricesOf(skus: readonly string[]): Promise<ReadonlyMap<string, Money>> {
    const { rows } = await this.pool.query<{ sku: string; unit_price: MoneyJson }>(
      'SELECT sku, unit_price FROM known_stock_items WHERE sku = ANY($1) AND unit_price IS NOT NULL',
      [skus],
    );
    return new Map(rows.map((row) => [row.sku, Money.fromJSON(row.unit_price)]));
  }
}
