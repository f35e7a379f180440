import { Query } from '@nestjs/cqrs';
import { StockItemView } from '../../ports/stock-item-read-model';

export class GetStockItemQuery extends Query<StockItemView> {
  constructor(readonly id: string) {
    super();
  }
}
