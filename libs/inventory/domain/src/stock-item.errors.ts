import { NotFoundError } from '@bascule/shared/ddd';

export class StockItemNotFound extends NotFoundError {
  readonly code = 'STOCK_ITEM.NOT_FOUND';

  constructor(id: string) {
    super(`stock item ${id} does not exist`, { id });
  }
}
