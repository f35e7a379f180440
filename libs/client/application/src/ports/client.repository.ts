import { Client } from '@bascule/client/domain';
import { AggregateRepository } from '@bascule/shared/application';

/** Clients are loaded and saved through the platform's port; a duplicate email is refused with ClientEmailTaken. */
export type ClientRepository = AggregateRepository<Client>;

export const CLIENT_REPOSITORY = Symbol('ClientRepository');
