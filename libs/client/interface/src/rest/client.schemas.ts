import { AddressSchema } from '@bascule/client/contracts';
import { Static, Type } from '@sinclair/typebox';

const closed = { additionalProperties: false } as const;
/** The fields' rules, shared by the REST bodies and the gRPC requests. */
export const name = Type.String({ minLength: 1, maxLength: 100 });
export const email = Type.String({ format: 'email', maxLength: 254 });
export const phone = Type.String({ maxLength: 30 });
/** An identifier of the client's company: printable, no control characters. */
export const companyId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001F\\u007F]+$' });
export const reason = Type.String({ minLength: 1, maxLength: 500 });
export const clientStatus = Type.Union([Type.Literal('ACTIVE'), Type.Literal('INACTIVE'), Type.Literal('ERASED')]);

export const RegisterClientBody = Type.Object(
  {
    givenName: name,
    familyName: name,
    email,
    phone: Type.Optional(Type.Union([phone, Type.Null()])),
    address: AddressSchema,
    companyId: Type.Optional(Type.Union([companyId, Type.Null()])),
  },
  closed,
);
export const RenameClientBody = Type.Object({ givenName: name, familyName: name }, closed);
export const ChangeClientAddressBody = Type.Object({ address: AddressSchema }, closed);
export const ChangeClientEmailBody = Type.Object({ email }, closed);
export const DeactivateClientBody = Type.Object({ reason }, closed);
export const EmptyBody = Type.Object({}, closed);

export const ListClientsQuerySchema = Type.Object(
  {
    status: Type.Optional(clientStatus),
    email: Type.Optional(Type.String({ maxLength: 254, description: 'Exact email (case-insensitive)' })),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Matches names and email' })),
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  closed,
);

export const ClientSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    version: Type.Integer(),
    givenName: Type.String(),
    familyName: Type.String(),
    // Null while its contact details are incomplete (a legacy client without email); registering requires one.
    email: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    address: Type.Union([AddressSchema, Type.Null()]),
    companyId: Type.Union([Type.String(), Type.Null()]),
    status: clientStatus,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Client' },
);
export const ClientPageSchema = Type.Object(
  { items: Type.Array(ClientSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'ClientPage' },
);

export type RegisterClientBody = Static<typeof RegisterClientBody>;
export type RenameClientBody = Static<typeof RenameClientBody>;
export type ChangeClientAddressBody = Static<typeof ChangeClientAddressBody>;
export type ChangeClientEmailBody = Static<typeof ChangeClientEmailBody>;
export type DeactivateClientBody = Static<typeof DeactivateClientBody>;
export type ListClientsQuery = Static<typeof ListClientsQuerySchema>;
