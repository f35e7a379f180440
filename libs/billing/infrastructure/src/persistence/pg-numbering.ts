import { Injectable } from '@nestjs/common';
import { formatNumber, Numbering, NumberSeries } from '@bascule/billing/application';
import { inTransaction, poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * `number_series` holds one row per (series, year): the upsert takes the row's lock and the next number, and
 * keeps both until the issuing transaction ends. Concurrent issues wait on the row in turn; one that rolls back
 * releases its number to the next (ADR 0043). A sequence would not do: its values are never given back.
 */
@Injectable()
export class PgNumbering implements Numbering {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  withNextNumber<T>(series: NumberSeries, year: number, issue: (number: string) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (tx) => {
      const [{ last }] = await tx.query<{ last: number }>(
        `INSERT INTO number_series (series, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (series, year) DO UPDATE SET last = number_series.last + 1
         RETURNING last`,
        [series, year],
      );
      return issue(formatNumber(year, last));
    });
  }
}
