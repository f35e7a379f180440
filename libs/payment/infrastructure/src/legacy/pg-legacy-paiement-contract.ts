import { Injectable } from '@nestjs/common';
import {
  aggregateIdOfLegacy,
  LegacyPaiementContract,
  LegacyPaiementJson,
  LegacyPaiementKept,
  renderLegacyPaiement,
} from '@bascule/anti-corruption';
import { poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { authorizedAmountColumns, PaymentRow } from '../persistence/payment.table';
import { PaymentMethod, PaymentStatus } from '@bascule/payment/domain';

type Row = PaymentRow & { legacy_row: LegacyPaiementKept | null };

/** The legacy payments contract, rendered from the payment context's state (and the key map's order number). */
@Injectable()
export class PgLegacyPaiementContract implements LegacyPaiementContract {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  async get(noPaiement: number): Promise<LegacyPaiementJson | undefined> {
    const { rows } = await this.pool.query<Row>(
      `SELECT k.legacy_row, p.* FROM legacy_payment_keys k JOIN payments p ON p.id = k.aggregate_id
        WHERE k.legacy_key = $1 AND p.id = $2 AND NOT k.deleted`,
      [String(noPaiement), aggregateIdOfLegacy('PAIEMENTS', noPaiement)],
    );
    const row = rows[0];
    if (!row?.legacy_row) return undefined;
    return renderLegacyPaiement(
      noPaiement,
      {
        authorizedAmount: authorizedAmountColumns.fromRow(row).toJSON(),
        status: row.status as PaymentStatus,
        method: row.method as PaymentMethod | null,
        maskedIban: row.masked_iban,
        paidOn: row.paid_on,
      },
      row.legacy_row,
    );
  }
}
