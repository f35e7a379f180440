import { TypedId } from '@bascule/shared/ddd';

export class ClientId extends TypedId {
  static generate(): ClientId {
    return new ClientId(TypedId.newUuid());
  }

  static of(value: string): ClientId {
    return new ClientId(value);
  }
}
