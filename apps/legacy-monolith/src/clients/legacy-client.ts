import { LegacyError } from '../legacy-error';

/** A row of CLIENTS as the legacy API shows it (NO_SECU and DATE_NAISSANCE never leave the database). */
export interface LegacyClient {
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

export const SELECT_CLIENT = `SELECT "NO_CLIENT" AS "noClient", "NOM" AS nom, "PRENOM" AS prenom, "EMAIL" AS email, "TELEPHONE" AS telephone,
  "ADRESSE1" AS adresse1, "ADRESSE2" AS adresse2, "CODE_POSTAL" AS "codePostal", "VILLE" AS ville, "PAYS" AS pays,
  "STATUT" AS statut, "DATE_CREATION" AS "dateCreation" FROM "CLIENTS"`;

/** The writable fields, in column order; what the 2008 screens validated, and no more. */
export const WRITABLE = [
  ['nom', 'NOM', 60],
  ['prenom', 'PRENOM', 60],
  ['email', 'EMAIL', 120],
  ['telephone', 'TELEPHONE', 30],
  ['adresse1', 'ADRESSE1', 120],
  ['adresse2', 'ADRESSE2', 120],
  ['codePostal', 'CODE_POSTAL', 10],
  ['ville', 'VILLE', 60],
  ['pays', 'PAYS', 2],
  ['statut', 'STATUT', 1],
  ['noSecu', 'NO_SECU', 15],
  ['dateNaissance', 'DATE_NAISSANCE', 10],
] as const;

export function writableValues(body: unknown): (string | null)[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new LegacyError(400, 'CLI-400', 'Requete invalide');
  const input = body as Record<string, unknown>;
  if (typeof input.nom !== 'string' || !input.nom.trim()) throw new LegacyError(400, 'CLI-401', 'Nom obligatoire');
  if (input.statut !== undefined && !['A', 'I', 'X'].includes(String(input.statut))) throw new LegacyError(400, 'CLI-402', 'Statut invalide');
  return WRITABLE.map(([field, , max]) => {
    const value = input[field];
    if (value === undefined || value === null || value === '') return field === 'statut' ? 'A' : null;
    if (typeof value !== 'string' || value.length > max) throw new LegacyError(400, 'CLI-403', `Champ ${field} invalide`);
    return value;
  });
}
