import { InvalidValueError, ValueObject } from '@bascule/shared/ddd';

const MAX = 100;

function clean(field: string, raw: string): string {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value.length === 0) throw new InvalidValueError(field, `${field} must not be empty`);
  if (value.length > MAX) throw new InvalidValueError(field, `${field} is longer than ${MAX} characters`);
  return value;
}

export class PersonName extends ValueObject<{ givenName: string; familyName: string }> {
  static of(givenName: string, familyName: string): PersonName {
    return new PersonName({ givenName: clean('givenName', givenName), familyName: clean('familyName', familyName) });
  }

  get givenName(): string {
    return this.props.givenName;
  }

  get familyName(): string {
    return this.props.familyName;
  }
}
