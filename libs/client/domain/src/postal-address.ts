import { InvalidValueError, ValueObject } from '@bascule/shared/ddd';
import { ISO_COUNTRIES } from './iso-countries';

export interface PostalAddressProps {
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

function required(field: string, raw: string, max: number): string {
  const value = raw.trim();
  if (!value) throw new InvalidValueError(`address/${field}`, `address ${field} must not be empty`);
  if (value.length > max)
    throw new InvalidValueError(`address/${field}`, `address ${field} is longer than ${max} characters`);
  return value;
}

export class PostalAddress extends ValueObject<PostalAddressProps> {
  static of(raw: {
    line1: string;
    line2?: string | null;
    postalCode: string;
    city: string;
    country: string;
  }): PostalAddress {
    const country = raw.country.trim().toUpperCase();
    if (!ISO_COUNTRIES.has(country))
      throw new InvalidValueError('address/country', `"${raw.country}" is not an ISO 3166-1 alpha-2 country code`);
    const line2 = raw.line2?.trim() ? required('line2', raw.line2, 200) : null;
    return new PostalAddress({
      line1: required('line1', raw.line1, 200),
      line2,
      postalCode: required('postalCode', raw.postalCode, 20),
      city: required('city', raw.city, 100),
      country,
    });
  }

  toJSON(): PostalAddressProps {
    return { ...this.props };
  }
}
