import { Query } from '@nestjs/cqrs';
import { StockItemPage } from '../../ports/stock-item-read-model';

export class ListStockItemsQuery extends Query<StockItemPage> {
  constructor(readonly filter: { cursor?: string; limit: number }) {
    super();
  }
}
