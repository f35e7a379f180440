import { InvalidValueError, ValueObject } from '@bascule/shared/ddd';

// Pragmatic RFC 5322 subset: what mail systems accept in practice, one @, a dotted domain.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** An email address, compared case-insensitively (stored lower-cased). */
export class Email extends ValueObject<{ value: string }> {
  static of(raw: string): Email {
    const value = raw.trim().toLowerCase();
    if (value.length > 254 || !EMAIL.test(value))
      throw new InvalidValueError('email', 'email is not a valid email address');
    return new Email({ value });
  }

  get value(): string {
    return this.props.value;
  }
}
