import { TypedId } from '@bascule/shared/ddd';

export class InvoiceId extends TypedId {
  static generate(): InvoiceId {
    return new InvoiceId(TypedId.newUuid());
  }

  static of(value: string): InvoiceId {
    return new InvoiceId(value);
  }
}
