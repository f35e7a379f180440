import { AggregateCommand } from '@bascule/shared/application';

/** What restocking takes, as the edges checked it. */
export interface RestockStockItemData {
  quantity: number;
}

export class RestockStockItemCommand extends AggregateCommand<RestockStockItemData> {}
