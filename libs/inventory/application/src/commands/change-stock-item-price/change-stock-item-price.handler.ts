import { CommandHandler } from '@nestjs/cqrs';
import { StockItem } from '@bascule/inventory/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { Money } from '@bascule/shared/ddd';
import { StockItemChanges } from '../../stock-item-changes';
import { ChangeStockItemPriceCommand } from './change-stock-item-price.command';

@CommandHandler(ChangeStockItemPriceCommand)
export class ChangeStockItemPriceHandler extends ChangeHandler<StockItem, ChangeStockItemPriceCommand> {
  constructor(changes: StockItemChanges) {
    super(changes);
  }

  protected change(stockItem: StockItem, { data }: ChangeStockItemPriceCommand): void {
    stockItem.changeStockItemPrice({ unitPrice: Money.fromJSON(data.unitPrice) });
  }
}
