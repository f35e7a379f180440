import { Injectable } from '@nestjs/common';
import { KnownOrder, KnownOrders } from '@bascule/billing/application';
import { MoneyJson } from '@bascule/shared/contracts';
import { isFrenchVatRate, Money } from '@bascule/shared/ddd';
import { executorOf, poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

interface KeptLine {
  orderLineId: string;
  sku: string;
  quantity: number;
  unitPrice: MoneyJson;
  vatRate?: number;
}

/** The orders billing keeps of orders.events.v1 (`known_orders`: status, lines with their prices and rates). */
@Injectable()
export class PgKnownOrders implements KnownOrders {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  async get(orderId: string): Promise<KnownOrder | undefined> {
    const [row] = await executorOf(this.pool).query<{ status: string | null; lines: KeptLine[] | null }>(
      'SELECT status, lines FROM known_orders WHERE id = $1',
      [orderId],
    );
    if (!row?.status || !row.lines) return undefined;
    return {
      status: row.status,
      lines: row.lines.map(({ vatRate, ...line }) => ({
        ...line,
        unitPrice: Money.fromJSON(line.unitPrice),
        ...(isFrenchVatRate(vatRate) ? { vatRate } : {}),
      })),
    };
  }
}
