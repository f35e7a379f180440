import { TypedId } from '@bascule/shared/ddd';

export class PaymentId extends TypedId {
  static generate(): PaymentId {
    return new PaymentId(TypedId.newUuid());
  }

  static of(value: string): PaymentId {
    return new PaymentId(value);
  }
}
