import { randomUUID } from 'node:crypto';
import { InvalidValueError } from './domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A UUID identity; subclass per aggregate (`ClientId`) so ids of different aggregates never mix. */
export abstract class TypedId {
  protected constructor(readonly value: string) {
    if (!UUID.test(value)) throw new InvalidValueError('id', `"${value}" is not a UUID`);
  }

  static isUuid(value: string): boolean {
    return UUID.test(value);
  }

  protected static newUuid(): string {
    return randomUUID();
  }

  equals(other: TypedId): boolean {
    return other.constructor === this.constructor && other.value === this.value;
  }

  toString(): string {
    return this.value;
  }
}
