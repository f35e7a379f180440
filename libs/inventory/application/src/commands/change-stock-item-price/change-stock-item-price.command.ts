import { AggregateCommand } from '@bascule/shared/application';
import { MoneyJson } from '@bascule/shared/contracts';

/** What change stock item price takes, as the edges checked it (an optional field may be absent). */
export interface ChangeStockItemPriceData {
  unitPrice: MoneyJson;
}

export class ChangeStockItemPriceCommand extends AggregateCommand<ChangeStockItemPriceData> {}
