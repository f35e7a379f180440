import { Email, PersonName, Phone, PostalAddress, RegisterClient } from '@bascule/client/domain';
import { ClientImage } from './sync-client-from-legacy.command';

/** An image's values as the domain's value objects (each refuses what it cannot be); no email is no email. */
export function clientDataOf(image: ClientImage): RegisterClient {
  return {
    name: PersonName.of(image.givenName, image.familyName),
    email: image.email === null ? null : Email.of(image.email),
    phone: image.phone ? Phone.of(image.phone) : null,
    address: PostalAddress.of(image.address),
    companyId: null,
  };
}
