import { Injectable } from '@nestjs/common';
import { StockLocks, StockTransaction } from '@bascule/inventory/application';
import { executorOf, inUnitOfWork, poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * A unit of work (ADR 0019) whose first statements lock the rows it will change: the reservation's, then the
 * stock items' in id order. Concurrent reservations of one sku queue on its row instead of losing on its
 * version; every transaction takes its locks in the same order, so none waits on another in a cycle.
 */
@Injectable()
export class PgStockTransaction implements StockTransaction {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  run<T>({ stockReservationId, stockItemIds }: StockLocks, work: () => Promise<T>): Promise<T> {
    const ids = [...new Set(stockItemIds)].sort();
    return inUnitOfWork(this.pool, [...(stockReservationId ? [stockReservationId] : []), ...ids], async () => {
      const tx = executorOf(this.pool);
      if (stockReservationId)
        await tx.query(`SELECT 1 FROM stock_reservations WHERE id = $1 FOR UPDATE`, [stockReservationId]);
      if (ids.length)
        await tx.query(`SELECT 1 FROM stock_items WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
      return work();
    });
  }
}
