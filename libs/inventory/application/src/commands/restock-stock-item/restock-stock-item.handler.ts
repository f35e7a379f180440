import { CommandHandler } from '@nestjs/cqrs';
import { StockItem } from '@bascule/inventory/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { StockItemChanges } from '../../stock-item-changes';
import { RestockStockItemCommand } from './restock-stock-item.command';

@CommandHandler(RestockStockItemCommand)
export class RestockStockItemHandler extends ChangeHandler<StockItem, RestockStockItemCommand> {
  constructor(changes: StockItemChanges) {
    super(changes);
  }

  protected change(stockItem: StockItem, { data }: RestockStockItemCommand): void {
    stockItem.restock({ quantity: data.quantity });
  }
}
