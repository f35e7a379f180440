import { Injectable } from '@nestjs/common';
import { PaymentListFilter, PaymentPage, PaymentReadModel, PaymentView } from '@bascule/payment/application';
import { executorOf, poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { authorizedAmountColumns, capturedAmountColumns, refundedAmountColumns, PaymentRow } from './payment.table';
import { PaymentMethod, PaymentStatus } from '@bascule/payment/domain';

const view = (row: PaymentRow): PaymentView => ({
  id: row.id,
  version: row.version,
  orderId: row.order_id,
  authorizedAmount: authorizedAmountColumns.fromRow(row).toJSON(),
  status: row.status as PaymentStatus,
  declineReason: row.decline_reason,
  method: row.method as PaymentMethod | null,
  cardLast4: row.card_last4,
  cardType: row.card_type,
  maskedIban: row.masked_iban,
  paidOn: row.paid_on,
  capturedAmount: capturedAmountColumns.optionalFromRow(row)?.toJSON() ?? null,
  refundedAmount: refundedAmountColumns.optionalFromRow(row)?.toJSON() ?? null,
  providerReference: row.provider_reference,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Queries straight from `payments`; keyset pagination on (created_at, id). */
@Injectable()
export class PgPaymentReadModel implements PaymentReadModel {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  /** Inside a command's transaction (the answer to a creation with Idempotency-Key), reads in it: the row is not committed yet. */
  async get(id: string): Promise<PaymentView | undefined> {
    const rows = await executorOf(this.pool).query<PaymentRow>('SELECT * FROM payments WHERE id = $1', [id]);
    return rows[0] ? view(rows[0]) : undefined;
  }

  async list({ orderId, cursor, limit }: PaymentListFilter): Promise<PaymentPage> {
    const params: unknown[] = [limit + 1];
    const where: string[] = [];
    if (orderId) where.push(`order_id = $${params.push(orderId)}`);
    if (cursor)
      where.push(`(created_at, id) > (SELECT created_at, id FROM payments WHERE id = $${params.push(cursor)})`);
    const { rows } = await this.pool.query<PaymentRow>(
      `SELECT * FROM payments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id LIMIT $1`,
      params,
    );
    const items = rows.slice(0, limit).map(view);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }
}
