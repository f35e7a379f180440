import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { STOCK_ITEM_READ_MODEL, StockItemPage, StockItemReadModel } from '../../ports/stock-item-read-model';
import { ListStockItemsQuery } from './list-stock-items.query';

@QueryHandler(ListStockItemsQuery)
export class ListStockItemsHandler implements IQueryHandler<ListStockItemsQuery, StockItemPage> {
  constructor(@Inject(STOCK_ITEM_READ_MODEL) private readonly readModel: StockItemReadModel) {}

  execute({ filter }: ListStockItemsQuery): Promise<StockItemPage> {
    return this.readModel.list(filter);
  }
}
