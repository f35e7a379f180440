import { clientIdOfLegacy, LEGACY_CLIENTS, translateLegacyClientChange } from '@bascule/anti-corruption';
import { SyncClientFromLegacyCommand } from '@bascule/client/application';
import { LegacySyncModule } from '@bascule/shared/legacy-sync';

/** Legacy `CLIENTS` into the client context: the ACL reads and translates, SyncClientFromLegacy applies. */
export const LegacyClientsSyncModule = LegacySyncModule.forTable({
  service: 'client-service',
  capture: LEGACY_CLIENTS,
  // The client's key map predates the platform's: its key columns keep their names.
  keyMap: { table: 'legacy_client_keys', keyType: 'integer', keyColumn: 'no_client', aggregateColumn: 'client_id' },
  aggregateIdOf: clientIdOfLegacy,
  translate: translateLegacyClientChange,
  command: (clientId, image, metadata) => new SyncClientFromLegacyCommand(clientId, image, metadata),
});
