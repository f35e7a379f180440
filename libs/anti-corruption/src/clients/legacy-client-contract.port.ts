import { LegacyClientJson } from './render-legacy-client';

/** The legacy clients contract served from the client context (what the strangler gateway calls). */
export interface LegacyClientContract {
  get(noClient: number): Promise<LegacyClientJson | undefined>;
  list(page: number, taille: number): Promise<LegacyClientJson[]>;
}

export const LEGACY_CLIENT_CONTRACT = Symbol('LegacyClientContract');

/** The legacy API's answer for a client it does not have (or no longer has: deleted there), body for body. */
export const LEGACY_CLIENT_NOT_FOUND = { codeErreur: 'CLI-404', libelle: 'Client inexistant' } as const;
