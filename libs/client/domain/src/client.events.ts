import { DomainEvent } from '@bascule/shared/ddd';
import { ClientStatus } from './client-status';
import { PostalAddressProps } from './postal-address';

export interface ClientRegistered extends DomainEvent<'ClientRegistered'> {
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  address: PostalAddressProps;
  companyId: string | null;
  status: ClientStatus;
}
export interface ClientRenamed extends DomainEvent<'ClientRenamed'> {
  givenName: string;
  familyName: string;
}
export interface ClientAddressChanged extends DomainEvent<'ClientAddressChanged'> {
  address: PostalAddressProps;
}
export interface ClientEmailChanged extends DomainEvent<'ClientEmailChanged'> {
  email: string;
}
export type ClientEmailRemoved = DomainEvent<'ClientEmailRemoved'>;
export interface ClientDeactivated extends DomainEvent<'ClientDeactivated'> {
  reason: string;
}
export type ClientReactivated = DomainEvent<'ClientReactivated'>;
/** Carries nothing personal: the erased client's data is gone from every event emitted after it. */
export type ClientErased = DomainEvent<'ClientErased'>;

export type ClientEvent =
  | ClientRegistered
  | ClientRenamed
  | ClientAddressChanged
  | ClientEmailChanged
  | ClientEmailRemoved
  | ClientDeactivated
  | ClientReactivated
  | ClientErased;
