import { TypedId } from '@bascule/shared/ddd';

/** A reservation is the one of its order: its id is the order's, so a retried reservation finds the first. */
export class StockReservationId extends TypedId {
  static forOrder(orderId: string): StockReservationId {
    return new StockReservationId(orderId.toLowerCase());
  }

  static of(value: string): StockReservationId {
    return new StockReservationId(value);
  }
}
