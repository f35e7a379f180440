import { KeyMapTable } from '@bascule/shared/legacy-sync';

/** The client's key map predates the platform's: its key columns keep their names. */
export const LEGACY_CLIENT_KEY_MAP: KeyMapTable = {
  table: 'legacy_client_keys',
  keyType: 'integer',
  keyColumn: 'no_client',
  aggregateColumn: 'client_id',
};
