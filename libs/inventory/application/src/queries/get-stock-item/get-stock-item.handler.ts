import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StockItemNotFound } from '@bascule/inventory/domain';
import { STOCK_ITEM_READ_MODEL, StockItemReadModel, StockItemView } from '../../ports/stock-item-read-model';
import { GetStockItemQuery } from './get-stock-item.query';

@QueryHandler(GetStockItemQuery)
export class GetStockItemHandler implements IQueryHandler<GetStockItemQuery, StockItemView> {
  constructor(@Inject(STOCK_ITEM_READ_MODEL) private readonly readModel: StockItemReadModel) {}

  async execute({ id }: GetStockItemQuery): Promise<StockItemView> {
    const view = await this.readModel.get(id);
    if (!view) throw new StockItemNotFound(id);
    return view;
  }
}
