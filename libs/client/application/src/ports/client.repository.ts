import { Client } from '@bascule/client/domain';
import { AggregateRepository } from '@bascule/shared/application';

/** Saves throw ClientEmailTaken on an email another client (not erased) uses. */
export type ClientRepository = AggregateRepository<Client>;

export const CLIENT_REPOSITORY = Symbol('ClientRepository');
