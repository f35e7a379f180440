import { LegacyClientRow } from './legacy-client-row';

export type ClientStatusName = 'ACTIVE' | 'INACTIVE' | 'ERASED';

/** A legacy client in the client context's words; values are validated by its domain when applied. */
export interface LegacyClientImage {
  givenName: string;
  familyName: string;
  /** None: legacy holds no email for the client (its contact details are incomplete, not a reason to refuse it). */
  email: string | null;
  phone: string | null;
  address: { line1: string; line2: string | null; postalCode: string; city: string; country: string };
  status: ClientStatusName;
}

export type Translation = { image: LegacyClientImage; quarantine?: never } | { image?: never; quarantine: string[] };

const STATUS: Readonly<Record<string, ClientStatusName>> = { A: 'ACTIVE', I: 'INACTIVE', X: 'ERASED' };
const FRANCE = 'FR';

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * CLIENTS row → client image. Rows the new model cannot take are quarantined with their reasons, never
 * dropped (ADR 0011, 0021): no family or given name, an incomplete address, an unknown status. A row without
 * email is taken: the client's contact details are incomplete. An erased row (STATUT X) carries no personal
 * data in either system, so only its status is needed.
 */
export function translateLegacyClient(row: LegacyClientRow): Translation {
  const status = STATUS[text(row.STATUT) ?? ''];
  if (!status) return { quarantine: [`STATUT "${row.STATUT}" is not A, I or X`] };
  if (status === 'ERASED') return { image: erasedImage(row.NO_CLIENT) };
  const required = {
    NOM: text(row.NOM),
    PRENOM: text(row.PRENOM),
    ADRESSE1: text(row.ADRESSE1),
    CODE_POSTAL: text(row.CODE_POSTAL),
    VILLE: text(row.VILLE),
  };
  const missing = Object.entries(required)
    .filter(([, value]) => value === null)
    .map(([column]) => `${column} is empty`);
  if (missing.length > 0) return { quarantine: missing };
  const { NOM, PRENOM, ADRESSE1, CODE_POSTAL, VILLE } = required as Record<keyof typeof required, string>;
  return {
    image: {
      givenName: PRENOM,
      familyName: NOM,
      email: text(row.EMAIL),
      phone: text(row.TELEPHONE),
      address: {
        line1: ADRESSE1,
        line2: text(row.ADRESSE2),
        postalCode: CODE_POSTAL,
        city: VILLE,
        country: (text(row.PAYS) ?? FRANCE).toUpperCase(),
      },
      status,
    },
  };
}

function erasedImage(noClient: number): LegacyClientImage {
  return {
    givenName: 'Erased',
    familyName: 'Client',
    email: `erased-legacy-${noClient}@erased.invalid`,
    phone: null,
    address: { line1: '-', line2: null, postalCode: '-', city: '-', country: FRANCE },
    status: 'ERASED',
  };
}
