import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Invoice, InvoiceId } from '@bascule/billing/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock, InvalidValueError, Money } from '@bascule/shared/ddd';
import { InvoiceChanges } from '../../invoice-changes';
import { INVOICE_REPOSITORY, InvoiceRepository } from '../../ports/invoice.repository';
import {
  LegacyInvoiceChildRows,
  LegacyInvoiceGroup,
  SyncInvoiceFromLegacyTablesCommand,
} from './sync-invoice-from-legacy-tables.command';

@CommandHandler(SyncInvoiceFromLegacyTablesCommand)
export class SyncInvoiceFromLegacyTablesHandler implements ICommandHandler<
  SyncInvoiceFromLegacyTablesCommand,
  AggregateRef
> {
  /**
   * How each child table's rows change the invoice's collections: a row written is its child added or
   * replaced, a row deleted its child removed (`nx g @bascule/plugin:legacy-table <TABLE> --parent FACTURES --entity <Entity>`).
   */
  private readonly children: Record<string, (invoice: Invoice, rows: LegacyInvoiceChildRows) => void> = {};

  constructor(
    @Inject(INVOICE_REPOSITORY) private readonly repository: InvoiceRepository,
    private readonly changes: InvoiceChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ invoiceId, group, metadata }: SyncInvoiceFromLegacyTablesCommand): Promise<AggregateRef> {
    const found = await this.repository.findById(invoiceId);
    // What the model makes of a deleted `FACTURES` row, and of the rows of a child table it has no collection
    // for, is the context's to write here: until then such a transaction is refused, set aside whole with its rows
    // dead-lettered (ADR 0031), never applied in part.
    const unmapped = [
      ...(found && group.root?.deleted ? ['FACTURES deleted'] : []),
      ...Object.entries(group.children)
        .filter(([table, rows]) => !this.children[table] && rows.upserted.length + rows.deleted.length > 0)
        .map(([table]) => `${table} rows`),
    ];
    if (unmapped.length > 0)
      throw new InvalidValueError('legacy', `not mapped into the invoice yet: ${unmapped.join(', ')}`);
    const invoice = found ?? this.created(invoiceId, group);
    // The `FACTURES` row changed: the fields the invoice holds of it, in the same command as its children.
    if (found && group.root) found.syncFromLegacy(group.root.fields);
    for (const [table, rows] of Object.entries(group.children)) this.children[table]?.(invoice, rows);
    return this.changes.save(invoice, metadata);
  }

  private created(invoiceId: string, group: LegacyInvoiceGroup): Invoice {
    if (!group.root || group.root.deleted)
      throw new InvalidValueError('legacy', 'rows of a invoice never created here');
    const state = {
      orderId: group.root.fields.orderId,
      number: group.root.fields.number,
      issuedOn: group.root.fields.issuedOn,
      totalExclVat: group.root.fields.totalExclVat,
      totalVat: group.root.fields.totalVat,
      totalInclVat: group.root.fields.totalInclVat,
      creditedInclVat: Money.of(0, 'EUR'),
      status: 'ISSUED' as const,
    };
    return Invoice.create(InvoiceId.of(invoiceId), state, this.clock);
  }
}
