import { Email, PersonName, Phone, PostalAddress, RegisterClient } from '@bascule/client/domain';

export interface AddressInput {
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  country: string;
}

export interface RegistrationInput {
  givenName: string;
  familyName: string;
  email: string;
  phone?: string | null;
  address: AddressInput;
  companyId?: string | null;
}

/** Raw registration data → the domain's value objects (each refuses what it cannot be). */
export function toRegistration(data: RegistrationInput): RegisterClient {
  return {
    name: PersonName.of(data.givenName, data.familyName),
    email: Email.of(data.email),
    phone: data.phone ? Phone.of(data.phone) : null,
    address: PostalAddress.of(data.address),
    companyId: data.companyId ?? null,
  };
}
