import { CommandHandler } from '@nestjs/cqrs';
import { StockItem } from '@bascule/inventory/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { StockItemChanges } from '../../stock-item-changes';
import { ChangeStockItemVatRateCommand } from './change-stock-item-vat-rate.command';

@CommandHandler(ChangeStockItemVatRateCommand)
export class ChangeStockItemVatRateHandler extends ChangeHandler<StockItem, ChangeStockItemVatRateCommand> {
  constructor(changes: StockItemChanges) {
    super(changes);
  }

  protected change(stockItem: StockItem, { data }: ChangeStockItemVatRateCommand): void {
    stockItem.changeStockItemVatRate({ vatRate: data.vatRate });
  }
}
