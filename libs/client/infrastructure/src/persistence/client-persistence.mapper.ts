import { Client, ClientId, ClientStatus, Email, PersonName, Phone, PostalAddress } from '@bascule/client/domain';
import { Clock } from '@bascule/shared/ddd';
import { ClientRecord } from './client.record';

export function toRecord(client: Client): Omit<ClientRecord, 'createdAt' | 'updatedAt'> {
  const { name, email, phone, address, companyId, status, deactivationReason } = client.snapshot;
  const a = address?.toJSON();
  return {
    id: client.id.value,
    version: client.version,
    givenName: name.givenName,
    familyName: name.familyName,
    email: email.value,
    phone: phone?.value ?? null,
    addressLine1: a?.line1 ?? null,
    addressLine2: a?.line2 ?? null,
    postalCode: a?.postalCode ?? null,
    city: a?.city ?? null,
    country: a?.country ?? null,
    companyId,
    status,
    deactivationReason,
  };
}

export function toAggregate(record: ClientRecord, clock: Clock): Client {
  const address = record.addressLine1 && record.postalCode && record.city && record.country ? PostalAddress.of({ line1: record.addressLine1, line2: record.addressLine2, postalCode: record.postalCode, city: record.city, country: record.country }) : null;
  return Client.reconstitute(
    ClientId.of(record.id),
    record.version,
    {
      name: PersonName.of(record.givenName, record.familyName),
      email: Email.of(record.email),
      phone: record.phone ? Phone.of(record.phone) : null,
      address,
      companyId: record.companyId,
      status: record.status as ClientStatus,
      deactivationReason: record.deactivationReason,
    },
    clock,
  );
}
