import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Payment, PaymentId } from '@bascule/payment/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock, InvalidValueError } from '@bascule/shared/ddd';
import { PaymentChanges } from '../../payment-changes';
import { PAYMENT_REPOSITORY, PaymentRepository } from '../../ports/payment.repository';
import {
  LegacyPaymentChildRows,
  LegacyPaymentGroup,
  SyncPaymentFromLegacyTablesCommand,
} from './sync-payment-from-legacy-tables.command';

@CommandHandler(SyncPaymentFromLegacyTablesCommand)
export class SyncPaymentFromLegacyTablesHandler implements ICommandHandler<
  SyncPaymentFromLegacyTablesCommand,
  AggregateRef
> {
  /**
   * How each child table's rows change the payment's collections: a row written is its child added or
   * replaced, a row deleted its child removed (`nx g @bascule/plugin:legacy-table <TABLE> --parent PAIEMENTS --entity <Entity>`).
   */
  private readonly children: Record<string, (payment: Payment, rows: LegacyPaymentChildRows) => void> = {};

  constructor(
    @Inject(PAYMENT_REPOSITORY) private readonly repository: PaymentRepository,
    private readonly changes: PaymentChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ paymentId, group, metadata }: SyncPaymentFromLegacyTablesCommand): Promise<AggregateRef> {
    const found = await this.repository.findById(paymentId);
    // What the model makes of a deleted `PAIEMENTS` row, and of the rows of a child table it has no collection
    // for, is the context's to write here: until then such a transaction is refused, set aside whole with its rows
    // dead-lettered (ADR 0031), never applied in part.
    const unmapped = [
      ...(found && group.root?.deleted ? ['PAIEMENTS deleted'] : []),
      ...Object.entries(group.children)
        .filter(([table, rows]) => !this.children[table] && rows.upserted.length + rows.deleted.length > 0)
        .map(([table]) => `${table} rows`),
    ];
    if (unmapped.length > 0)
      throw new InvalidValueError('legacy', `not mapped into the payment yet: ${unmapped.join(', ')}`);
    const payment = found ?? this.created(paymentId, group);
    // The `PAIEMENTS` row changed: the fields the payment holds of it, in the same command as its children.
    if (found && group.root) found.syncFromLegacy(group.root.fields);
    for (const [table, rows] of Object.entries(group.children)) this.children[table]?.(payment, rows);
    return this.changes.save(payment, metadata);
  }

  private created(paymentId: string, group: LegacyPaymentGroup): Payment {
    if (!group.root || group.root.deleted)
      throw new InvalidValueError('legacy', 'rows of a payment never created here');
    return Payment.fromLegacy(PaymentId.of(paymentId), group.root.fields, this.clock);
  }
}
