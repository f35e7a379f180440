import { ClientView } from '@bascule/client/application';
import {
  Client,
  ClientId,
  ClientStatus,
  Email,
  PersonName,
  Phone,
  PostalAddress,
  PostalAddressProps,
} from '@bascule/client/domain';
import { Clock } from '@bascule/shared/ddd';
import { ClientRow, ClientWrite } from './client.row';

export function toRow(client: Client): ClientWrite {
  const { name, email, phone, address, companyId, status, deactivationReason } = client.snapshot;
  const a = address?.toJSON();
  return {
    id: client.id.value,
    version: client.version,
    given_name: name.givenName,
    family_name: name.familyName,
    email: email?.value ?? null,
    phone: phone?.value ?? null,
    address_line1: a?.line1 ?? null,
    address_line2: a?.line2 ?? null,
    postal_code: a?.postalCode ?? null,
    city: a?.city ?? null,
    country: a?.country ?? null,
    company_id: companyId,
    status,
    deactivation_reason: deactivationReason,
  };
}

function addressOf(row: ClientRow): PostalAddressProps | null {
  if (!row.address_line1 || !row.postal_code || !row.city || !row.country) return null;
  return {
    line1: row.address_line1,
    line2: row.address_line2,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
  };
}

export function toAggregate(row: ClientRow, clock: Clock): Client {
  const address = addressOf(row);
  return Client.reconstitute(
    ClientId.of(row.id),
    row.version,
    {
      name: PersonName.of(row.given_name, row.family_name),
      email: row.email === null ? null : Email.of(row.email),
      phone: row.phone ? Phone.of(row.phone) : null,
      address: address ? PostalAddress.of(address) : null,
      companyId: row.company_id,
      status: row.status as ClientStatus,
      deactivationReason: row.deactivation_reason,
    },
    clock,
  );
}

export function toView(row: ClientRow): ClientView {
  return {
    id: row.id,
    version: row.version,
    givenName: row.given_name,
    familyName: row.family_name,
    email: row.email,
    phone: row.phone,
    address: addressOf(row),
    companyId: row.company_id,
    status: row.status as ClientStatus,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
