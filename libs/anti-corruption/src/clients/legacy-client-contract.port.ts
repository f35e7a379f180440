import { LegacyClientJson } from './render-legacy-client';

/** The legacy clients contract served from the client context (what the strangler gateway calls). */
export interface LegacyClientContract {
  get(noClient: number): Promise<LegacyClientJson | undefined>;
  list(page: number, taille: number): Promise<LegacyClientJson[]>;
}

export const LEGACY_CLIENT_CONTRACT = Symbol('LegacyClientContract');
