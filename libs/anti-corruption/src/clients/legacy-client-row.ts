/**
 * A row of the legacy `CLIENTS` table as captured. Columns the ACL does not know are tolerated (a column
 * added to the legacy table never stops the stream); NO_SECU arrives hashed by the connector.
 */
export interface LegacyClientRow {
  NO_CLIENT: number;
  NOM?: string | null;
  PRENOM?: string | null;
  EMAIL?: string | null;
  TELEPHONE?: string | null;
  ADRESSE1?: string | null;
  ADRESSE2?: string | null;
  CODE_POSTAL?: string | null;
  VILLE?: string | null;
  PAYS?: string | null;
  STATUT?: string | null;
  DATE_CREATION?: string | null;
  [unknownColumn: string]: unknown;
}

/** The columns the legacy contract shows; the ACL keeps these as written (never NO_SECU, DATE_NAISSANCE). */
export const CONTRACT_COLUMNS = [
  'NOM',
  'PRENOM',
  'EMAIL',
  'TELEPHONE',
  'ADRESSE1',
  'ADRESSE2',
  'CODE_POSTAL',
  'VILLE',
  'PAYS',
  'STATUT',
  'DATE_CREATION',
] as const;
export type LegacyClientSnapshot = Partial<Record<(typeof CONTRACT_COLUMNS)[number], string | null>>;

export function snapshotOf(row: LegacyClientRow): LegacyClientSnapshot {
  return Object.fromEntries(
    CONTRACT_COLUMNS.map((column) => [column, typeof row[column] === 'string' ? (row[column] as string) : null]),
  );
}
