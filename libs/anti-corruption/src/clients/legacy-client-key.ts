import { v5 as uuidV5 } from 'uuid';

/** Fixed namespace of Bascule's legacy keys: the same NO_CLIENT always maps to the same client id. */
const LEGACY_NAMESPACE = '0b7c2f3e-5d1a-4e8b-9c6f-2a4d8e1f3b5c';

/**
 * The aggregate a legacy row becomes, derived from its table and key: replaying a creation after a crash finds
 * the aggregate it already made instead of creating a second one.
 */
export const aggregateIdOfLegacy = (table: string, key: number | string): string =>
  uuidV5(`${table}:${key}`, LEGACY_NAMESPACE);

/** The client id of a legacy client (`CLIENTS`, keyed by NO_CLIENT). */
export const clientIdOfLegacy = (noClient: number): string => aggregateIdOfLegacy('CLIENTS', noClient);
