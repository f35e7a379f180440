import { Injectable } from '@nestjs/common';
import { OrderBacklog } from '@bascule/orders/application';
import { numberSetting } from '@bascule/shared/application';
import { executorOf, poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { Gauge, register } from 'prom-client';
import { DataSource } from 'typeorm';

/** How old a count may be: a burst of orders asks PostgreSQL once per this, not once per order. */
const FRESH_FOR_MS = 250;

const pendingGauge =
  (register.getSingleMetric('bascule_orders_pending') as Gauge | undefined) ??
  new Gauge({ name: 'bascule_orders_pending', help: 'Orders placed here that wait for their saga (PENDING)' });

/**
 * The PENDING orders placed here, counted on the partial index `orders_pending_placed` (a legacy order states no total
 * VAT included and has no saga: it is not counted), at most FRESH_FOR_MS old. `ORDERS_MAX_PENDING` (default 1,000)
 * is the limit (ADR 0069).
 */
@Injectable()
export class PgOrderBacklog implements OrderBacklog {
  readonly limit = numberSetting(process.env, 'ORDERS_MAX_PENDING', 1_000, { integer: true, min: 1 });
  private readonly pool: Pool;
  private last?: { at: number; count: Promise<number> };

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  pending(): Promise<number> {
    if (this.last && Date.now() - this.last.at < FRESH_FOR_MS) return this.last.count;
    const count = this.count();
    this.last = { at: Date.now(), count };
    // A failed count is not kept: the next order asks again (unless a newer count has replaced it already).
    count.catch(() => {
      if (this.last?.count === count) this.last = undefined;
    });
    return count;
  }

  private async count(): Promise<number> {
    const rows = await executorOf(this.pool).query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE status = 'PENDING' AND total_incl_vat_amount IS NOT NULL`,
    );
    pendingGauge.set(rows[0].n);
    return rows[0].n;
  }
}
