import { ClientStatus, PostalAddressProps } from '@bascule/client/domain';

export interface ClientView {
  id: string;
  version: number;
  givenName: string;
  familyName: string;
  /** Null while the contact details are incomplete. */
  email: string | null;
  phone: string | null;
  address: PostalAddressProps | null;
  companyId: string | null;
  status: ClientStatus;
  createdAt: string;
  updatedAt: string;
}

export interface ClientListFilter {
  status?: ClientStatus;
  email?: string;
  /** Matches given name, family name or email, case-insensitively. */
  text?: string;
  cursor?: string;
  limit: number;
}

export interface ClientPage {
  items: ClientView[];
  nextCursor: string | null;
}

export interface ClientReadModel {
  get(id: string): Promise<ClientView | undefined>;
  list(filter: ClientListFilter): Promise<ClientPage>;
}

export const CLIENT_READ_MODEL = Symbol('ClientReadModel');
