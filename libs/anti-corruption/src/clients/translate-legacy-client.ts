import { LegacyClientRow } from './legacy-client-row';

export type ClientStatusName = 'ACTIVE' | 'INACTIVE' | 'ERASED';

/** A legacy client in the client context's words; values are validated by its domain when applied. */
export interface LegacyClientImage {
  givenName: string;
  familyName: string;
  email: string;
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
 * dropped (ADR 0011): no family or given name, no email, an incomplete address, an unknown status.
 * An erased row (STATUT X) carries no personal data in either system, so only its status is needed.
 */
export function translateLegacyClient(row: LegacyClientRow): Translation {
  const status = STATUS[text(row.STATUT) ?? ''];
  if (!status) return { quarantine: [`STATUT "${row.STATUT}" is not A, I or X`] };
  if (status === 'ERASED') return { image: erasedImage(row.NO_CLIENT) };
  const [familyName, givenName, email, line1, postalCode, city] = [row.NOM, row.PRENOM, row.EMAIL, row.ADRESSE1, row.CODE_POSTAL, row.VILLE].map(text);
  const missing = Object.entries({ NOM: familyName, PRENOM: givenName, EMAIL: email, ADRESSE1: line1, CODE_POSTAL: postalCode, VILLE: city })
    .filter(([, value]) => value === null)
    .map(([column]) => `${column} is empty`);
  if (missing.length > 0) return { quarantine: missing };
  return {
    image: {
      givenName: givenName!,
      familyName: familyName!,
      email: email!,
      phone: text(row.TELEPHONE),
      address: { line1: line1!, line2: text(row.ADRESSE2), postalCode: postalCode!, city: city!, country: (text(row.PAYS) ?? FRANCE).toUpperCase() },
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
