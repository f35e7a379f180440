import { InvalidValueError, ValueObject } from '@bascule/shared/ddd';

const PHONE = /^\+?[0-9(][0-9 ().-]{4,24}$/;

/** A phone number as people write it; digits, spaces and the usual separators, optional leading +. */
export class Phone extends ValueObject<{ value: string }> {
  static of(raw: string): Phone {
    const value = raw.trim();
    if (!PHONE.test(value)) throw new InvalidValueError('phone', 'phone is not a phone number');
    return new Phone({ value });
  }

  get value(): string {
    return this.props.value;
  }
}
