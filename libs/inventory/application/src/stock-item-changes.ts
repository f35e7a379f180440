import { Inject, Injectable } from '@nestjs/common';
import { StockItem, StockItemNotFound } from '@bascule/inventory/domain';
import { AggregateChanges } from '@bascule/shared/application';
import { STOCK_ITEM_REPOSITORY, StockItemRepository } from './ports/stock-item.repository';

/** The load → check version → change → save sequence, for stock items. */
@Injectable()
export class StockItemChanges extends AggregateChanges<StockItem> {
  constructor(@Inject(STOCK_ITEM_REPOSITORY) repository: StockItemRepository) {
    super(repository, { name: 'stock-item', notFound: (id) => new StockItemNotFound(id) });
  }
}
