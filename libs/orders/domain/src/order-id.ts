import { TypedId } from '@bascule/shared/ddd';

export class OrderId extends TypedId {
  static generate(): OrderId {
    return new OrderId(TypedId.newUuid());
  }

  static of(value: string): OrderId {
    return new OrderId(value);
  }
}
