import { ClientChanges } from './client-changes';
import { ChangeClientAddressHandler } from './commands/change-client-address/change-client-address.handler';
import { ChangeClientEmailHandler } from './commands/change-client-email/change-client-email.handler';
import { DeactivateClientHandler } from './commands/deactivate-client/deactivate-client.handler';
import { EraseClientHandler } from './commands/erase-client/erase-client.handler';
import { ReactivateClientHandler } from './commands/reactivate-client/reactivate-client.handler';
import { RegisterClientHandler } from './commands/register-client/register-client.handler';
import { RenameClientHandler } from './commands/rename-client/rename-client.handler';
import { SyncClientFromLegacyHandler } from './commands/sync-client-from-legacy/sync-client-from-legacy.handler';
import { GetClientHandler } from './queries/get-client/get-client.handler';
import { ListClientsHandler } from './queries/list-clients/list-clients.handler';

/** Every provider of the client application layer, for the service module to register. */
export const clientApplicationProviders = [
  ClientChanges,
  RegisterClientHandler,
  RenameClientHandler,
  ChangeClientAddressHandler,
  ChangeClientEmailHandler,
  DeactivateClientHandler,
  ReactivateClientHandler,
  EraseClientHandler,
  SyncClientFromLegacyHandler,
  GetClientHandler,
  ListClientsHandler,
];
