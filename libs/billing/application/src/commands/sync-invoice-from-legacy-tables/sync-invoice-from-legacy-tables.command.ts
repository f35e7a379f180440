import { Command } from '@nestjs/cqrs';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';
import { Money } from '@bascule/shared/ddd';

/** What the invoice holds of a legacy `FACTURES` row (the anti-corruption layer's translation). */
export interface LegacyInvoiceFields {
  orderId: string;
  number: string;
  issuedOn: string;
  totalExclVat: Money;
  totalVat: Money;
  totalInclVat: Money;
}

/**
 * A child table's rows written by one legacy transaction: the last fields of each key written, the keys deleted,
 * each with the id of the child it is in the invoice (derived from its legacy key: stable across replays).
 */
export interface LegacyInvoiceChildRows {
  upserted: { id: string; key: string; fields: object }[];
  deleted: { id: string; key: string }[];
}

/** What one legacy transaction wrote of a invoice: its `FACTURES` row (null: not written) and its child tables' rows, by table. */
export interface LegacyInvoiceGroup {
  root: { deleted: boolean; fields: LegacyInvoiceFields } | null;
  children: Record<string, LegacyInvoiceChildRows>;
}

/** Make the invoice match what one legacy transaction wrote of it: one command, one save (ADR 0031). */
export class SyncInvoiceFromLegacyTablesCommand extends Command<AggregateRef> {
  constructor(
    readonly invoiceId: string,
    readonly group: LegacyInvoiceGroup,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
