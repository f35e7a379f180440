import { TypedId } from '@bascule/shared/ddd';

export class StockReservationId extends TypedId {
  static generate(): StockReservationId {
    return new StockReservationId(TypedId.newUuid());
  }

  static of(value: string): StockReservationId {
    return new StockReservationId(value);
  }
}
