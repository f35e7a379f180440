import { LegacyClientSnapshot } from './legacy-client-row';
import { ClientStatusName } from './translate-legacy-client';

/** What the client context knows of a client (its view), as the legacy contract needs it. */
export interface CloudClient {
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  address: { line1: string; line2: string | null; postalCode: string; city: string; country: string } | null;
  status: ClientStatusName;
  createdAt: string;
}

/** The legacy API's client, field for field (see apps/legacy-monolith). */
export interface LegacyClientJson {
  noClient: number;
  nom: string | null;
  prenom: string | null;
  email: string | null;
  telephone: string | null;
  adresse1: string | null;
  adresse2: string | null;
  codePostal: string | null;
  ville: string | null;
  pays: string | null;
  statut: string;
  dateCreation: string | null;
}

type Field = [
  json: keyof LegacyClientJson,
  column: keyof LegacyClientSnapshot,
  cloud: (c: CloudClient) => string | null,
  normalise: (raw: string | null) => string | null,
];

const trimmed = (raw: string | null) => raw?.trim() || null;
const FIELDS: Field[] = [
  ['nom', 'NOM', (c) => c.familyName, (raw) => raw?.trim().replace(/\s+/g, ' ') || null],
  ['prenom', 'PRENOM', (c) => c.givenName, (raw) => raw?.trim().replace(/\s+/g, ' ') || null],
  ['email', 'EMAIL', (c) => c.email, (raw) => raw?.trim().toLowerCase() || null],
  ['telephone', 'TELEPHONE', (c) => c.phone, trimmed],
  ['adresse1', 'ADRESSE1', (c) => c.address?.line1 ?? null, trimmed],
  ['adresse2', 'ADRESSE2', (c) => c.address?.line2 ?? null, trimmed],
  ['codePostal', 'CODE_POSTAL', (c) => c.address?.postalCode ?? null, trimmed],
  ['ville', 'VILLE', (c) => c.address?.city ?? null, trimmed],
  ['pays', 'PAYS', (c) => c.address?.country ?? null, (raw) => raw?.trim().toUpperCase() || 'FR'],
];
const STATUT: Record<ClientStatusName, string> = { ACTIVE: 'A', INACTIVE: 'I', ERASED: 'X' };

/**
 * Client view → legacy contract, fields in the legacy API's order. Each field shows the legacy value as it was written when it still means
 * what the client context holds (so `PAYS` NULL stays NULL for France, `DUPONT ` keeps its space), and
 * the client context's value otherwise (it changed in the cloud). Erased clients show no personal data.
 */
export function renderLegacyClient(
  noClient: number,
  cloud: CloudClient,
  legacy: LegacyClientSnapshot | null,
): LegacyClientJson {
  const rendered: Partial<LegacyClientJson> = { noClient };
  for (const [json, column, cloudValue, normalise] of FIELDS) {
    if (cloud.status === 'ERASED') {
      (rendered as Record<string, unknown>)[json] = null;
      continue;
    }
    const raw = legacy ? (legacy[column] ?? null) : undefined;
    const value = cloudValue(cloud);
    (rendered as Record<string, unknown>)[json] =
      raw !== undefined && normalise(raw) === value ? raw : json === 'pays' && value === 'FR' ? null : value;
  }
  return {
    ...rendered,
    statut: STATUT[cloud.status],
    dateCreation: legacy?.DATE_CREATION ?? ddmmyyyy(cloud.createdAt),
  } as LegacyClientJson;
}

function ddmmyyyy(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}
