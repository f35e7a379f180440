import { TypedId } from '@bascule/shared/ddd';

export class StockItemId extends TypedId {
  static generate(): StockItemId {
    return new StockItemId(TypedId.newUuid());
  }

  static of(value: string): StockItemId {
    return new StockItemId(value);
  }
}
