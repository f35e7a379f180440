import { clientIdOfLegacy, LEGACY_CLIENTS, translateLegacyClientChange } from '@bascule/anti-corruption';
import { SyncClientFromLegacyCommand } from '@bascule/client/application';
import { LegacySyncModule } from '@bascule/shared/legacy-sync';
import { LEGACY_CLIENT_KEY_MAP } from './legacy-client-key-map';

/** Legacy `CLIENTS` into the client context: the ACL reads and translates, SyncClientFromLegacy applies. */
export const LegacyClientsSyncModule = LegacySyncModule.forTable({
  service: 'client-service',
  capture: LEGACY_CLIENTS,
  keyMap: LEGACY_CLIENT_KEY_MAP,
  aggregateIdOf: clientIdOfLegacy,
  translate: translateLegacyClientChange,
  command: (clientId, image, metadata) => new SyncClientFromLegacyCommand(clientId, image, metadata),
});
