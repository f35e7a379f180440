import { v5 as uuidV5 } from 'uuid';
import { TypedId } from '@bascule/shared/ddd';

/** The namespace of the ids of orders' payments (RFC 9562 name-based ids, version 5). */
const ORDER_PAYMENT_NAMESPACE = '0b6f4a8e-2c71-4d5e-9f3a-7e1d2c4b5a60';

export class PaymentId extends TypedId {
  static generate(): PaymentId {
    return new PaymentId(TypedId.newUuid());
  }

  /**
   * The payment a saga authorizes for an order (ADR 0057): the version-5 UUID of the order id, so that a retried
   * authorization finds it, a second creation collides on the primary key, and capture, void and refund, which name
   * only the order, resolve it. Payments made over the API keep random ids: an order may have several of those.
   */
  static forOrder(orderId: string): PaymentId {
    return new PaymentId(uuidV5(orderId.toLowerCase(), ORDER_PAYMENT_NAMESPACE));
  }

  static of(value: string): PaymentId {
    return new PaymentId(value);
  }
}
