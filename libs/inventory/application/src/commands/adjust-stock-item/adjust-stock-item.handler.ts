import { CommandHandler } from '@nestjs/cqrs';
import { StockItem } from '@bascule/inventory/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { StockItemChanges } from '../../stock-item-changes';
import { AdjustStockItemCommand } from './adjust-stock-item.command';

@CommandHandler(AdjustStockItemCommand)
export class AdjustStockItemHandler extends ChangeHandler<StockItem, AdjustStockItemCommand> {
  constructor(changes: StockItemChanges) {
    super(changes);
  }

  protected change(stockItem: StockItem, { data }: AdjustStockItemCommand): void {
    stockItem.adjust({ delta: data.delta, reason: data.reason });
  }
}
