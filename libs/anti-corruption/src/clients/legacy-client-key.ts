import { v5 as uuidV5 } from 'uuid';

/** Fixed namespace of Bascule's legacy keys: the same NO_CLIENT always maps to the same client id. */
const LEGACY_NAMESPACE = '0b7c2f3e-5d1a-4e8b-9c6f-2a4d8e1f3b5c';

/**
 * The client id of a legacy client, derived from its key: replaying a creation after a crash finds the
 * client it already made instead of registering a second one.
 */
export const clientIdOfLegacy = (noClient: number): string => uuidV5(`CLIENTS:${noClient}`, LEGACY_NAMESPACE);
