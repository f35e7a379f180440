import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StockItem } from '@bascule/inventory/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock, InvalidValueError } from '@bascule/shared/ddd';
import { StockItemChanges } from '../../stock-item-changes';
import { STOCK_ITEM_REPOSITORY, StockItemRepository } from '../../ports/stock-item.repository';
import {
  LegacyStockItemChildRows,
  LegacyStockItemGroup,
  SyncStockItemFromLegacyTablesCommand,
} from './sync-stock-item-from-legacy-tables.command';

@CommandHandler(SyncStockItemFromLegacyTablesCommand)
export class SyncStockItemFromLegacyTablesHandler implements ICommandHandler<
  SyncStockItemFromLegacyTablesCommand,
  AggregateRef
> {
  /**
   * How each child table's rows change the stock item's collections: a row written is its child added or
   * replaced, a row deleted its child removed (`nx g @bascule/plugin:legacy-table <TABLE> --parent STOCK --entity <Entity>`).
   */
  private readonly children: Record<string, (stockItem: StockItem, rows: LegacyStockItemChildRows) => void> = {};

  constructor(
    @Inject(STOCK_ITEM_REPOSITORY) private readonly repository: StockItemRepository,
    private readonly changes: StockItemChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ stockItemId, group, metadata }: SyncStockItemFromLegacyTablesCommand): Promise<AggregateRef> {
    const found = await this.repository.findById(stockItemId);
    // What the model makes of a deleted `STOCK` row, and of the rows of a child table it has no collection
    // for, is the context's to write here: until then such a transaction is refused, set aside whole with its rows
    // dead-lettered (ADR 0031), never applied in part.
    const unmapped = [
      ...(found && group.root?.deleted ? ['STOCK deleted'] : []),
      ...Object.entries(group.children)
        .filter(([table, rows]) => !this.children[table] && rows.upserted.length + rows.deleted.length > 0)
        .map(([table]) => `${table} rows`),
    ];
    if (unmapped.length > 0)
      throw new InvalidValueError('legacy', `not mapped into the stock item yet: ${unmapped.join(', ')}`);
    const stockItem = found ?? this.created(stockItemId, group);
    // The `STOCK` row changed: the fields the stock item holds of it, in the same command as its children.
    if (found && group.root) found.syncFromLegacy(group.root.fields);
    for (const [table, rows] of Object.entries(group.children)) this.children[table]?.(stockItem, rows);
    return this.changes.save(stockItem, metadata);
  }

  private created(stockItemId: string, group: LegacyStockItemGroup): StockItem {
    if (!group.root || group.root.deleted)
      throw new InvalidValueError('legacy', 'rows of a stock item never created here');
    // By hand: a stock item's id is its sku's (ADR 0040; the sync module keys legacy rows the same way), and it is
    // created with nothing reserved: what the legacy row reserves is then synced onto it.
    const stockItem = StockItem.create(group.root.fields, this.clock);
    if (stockItem.id.value !== stockItemId) throw new InvalidValueError('legacy', 'a STOCK key that is not its sku');
    stockItem.syncFromLegacy(group.root.fields);
    return stockItem;
  }
}
