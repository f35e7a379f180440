import { Command } from '@nestjs/cqrs';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';
import { Money } from '@bascule/shared/ddd';

/** What the payment holds of a legacy `PAIEMENTS` row (the anti-corruption layer's translation). */
export interface LegacyPaymentFields {
  orderId: string;
  authorizedAmount: Money;
  status: 'AUTHORIZED' | 'CAPTURED' | 'REFUNDED' | 'DECLINED';
  method: 'CARD' | 'TRANSFER' | 'DIRECT_DEBIT' | null;
  maskedIban: string | null;
  paidOn: string | null;
}

/**
 * A child table's rows written by one legacy transaction: the last fields of each key written, the keys deleted,
 * each with the id of the child it is in the payment (derived from its legacy key: stable across replays).
 */
export interface LegacyPaymentChildRows {
  upserted: { id: string; key: string; fields: object }[];
  deleted: { id: string; key: string }[];
}

/** What one legacy transaction wrote of a payment: its `PAIEMENTS` row (null: not written) and its child tables' rows, by table. */
export interface LegacyPaymentGroup {
  root: { deleted: boolean; fields: LegacyPaymentFields } | null;
  children: Record<string, LegacyPaymentChildRows>;
}

/** Make the payment match what one legacy transaction wrote of it: one command, one save (ADR 0031). */
export class SyncPaymentFromLegacyTablesCommand extends Command<AggregateRef> {
  constructor(
    readonly paymentId: string,
    readonly group: LegacyPaymentGroup,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
