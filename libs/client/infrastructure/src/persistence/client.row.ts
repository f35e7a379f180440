/** A row of the `clients` table as the `pg` driver returns it (see the migration for the schema). */
export interface ClientRow {
  id: string;
  version: number;
  given_name: string;
  family_name: string;
  email: string;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  company_id: string | null;
  status: string;
  deactivation_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export type ClientWrite = Omit<ClientRow, 'created_at' | 'updated_at'>;

/** Column order of every write; the values of `toRow` follow it. */
export const CLIENT_WRITE_COLUMNS = [
  'id',
  'version',
  'given_name',
  'family_name',
  'email',
  'phone',
  'address_line1',
  'address_line2',
  'postal_code',
  'city',
  'country',
  'company_id',
  'status',
  'deactivation_reason',
] as const;
