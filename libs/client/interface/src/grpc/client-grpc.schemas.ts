import { AddressSchema } from '@bascule/client/contracts';
import { Static, Type } from '@sinclair/typebox';
import { clientStatus, companyId, email, name, phone, reason } from '../rest/client.schemas';

/**
 * The gRPC requests as proto-loader hands them over (camelCase, proto3 defaults: '' and 0 for unset
 * scalars, null for an unset message), checked with the same field rules as the REST bodies.
 */
const id = Type.String({ format: 'uuid' });
const versioned = {
  id,
  expectedVersion: Type.Integer({
    minimum: 1,
    maximum: 2_147_483_647,
    description: 'the version you read; 0 (unset) is refused',
  }),
};

export const RegisterClientRequest = Type.Object({
  givenName: name,
  familyName: name,
  email,
  phone: Type.Optional(phone),
  address: AddressSchema,
  companyId: Type.Optional(companyId),
});
export const GetClientRequest = Type.Object({ id });
export const ListClientsRequest = Type.Object({
  status: Type.Optional(clientStatus),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  cursor: Type.Optional(id),
  limit: Type.Integer({ minimum: 0, maximum: 100, description: '0 (unset) means 20' }),
});
export const RenameClientRequest = Type.Object({ ...versioned, givenName: name, familyName: name });
export const ChangeClientAddressRequest = Type.Object({ ...versioned, address: AddressSchema });
export const ChangeClientEmailRequest = Type.Object({ ...versioned, email });
export const DeactivateClientRequest = Type.Object({ ...versioned, reason });
export const ClientVersionRequest = Type.Object(versioned);

export type RegisterClientRequest = Static<typeof RegisterClientRequest>;
export type ListClientsRequest = Static<typeof ListClientsRequest>;
export type RenameClientRequest = Static<typeof RenameClientRequest>;
export type ChangeClientAddressRequest = Static<typeof ChangeClientAddressRequest>;
export type ChangeClientEmailRequest = Static<typeof ChangeClientEmailRequest>;
export type DeactivateClientRequest = Static<typeof DeactivateClientRequest>;
export type ClientVersionRequest = Static<typeof ClientVersionRequest>;
export type GetClientRequest = Static<typeof GetClientRequest>;
