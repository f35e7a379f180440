import { Command } from '@nestjs/cqrs';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';
import { Money } from '@bascule/shared/ddd';

/** What the stock item holds of a legacy `STOCK` row (the anti-corruption layer's translation). */
export interface LegacyStockItemFields {
  sku: string;
  label: string;
  unitPrice: Money;
  onHand: number;
  reserved: number;
}

/**
 * A child table's rows written by one legacy transaction: the last fields of each key written, the keys deleted,
 * each with the id of the child it is in the stock item (derived from its legacy key: stable across replays).
 */
export interface LegacyStockItemChildRows {
  upserted: { id: string; key: string; fields: object }[];
  deleted: { id: string; key: string }[];
}

/** What one legacy transaction wrote of a stock item: its `STOCK` row (null: not written) and its child tables' rows, by table. */
export interface LegacyStockItemGroup {
  root: { deleted: boolean; fields: LegacyStockItemFields } | null;
  children: Record<string, LegacyStockItemChildRows>;
}

/** Make the stock item match what one legacy transaction wrote of it: one command, one save (ADR 0031). */
export class SyncStockItemFromLegacyTablesCommand extends Command<AggregateRef> {
  constructor(
    readonly stockItemId: string,
    readonly group: LegacyStockItemGroup,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
