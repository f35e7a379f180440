/** A row of the `clients` table as the `pg` driver returns it (see the migrations for the schema). */
export interface ClientRow extends ClientWrite {
  created_at: Date;
  updated_at: Date;
}

/** The columns a save writes. */
export interface ClientWrite {
  id: string;
  version: number;
  given_name: string;
  family_name: string;
  email: string | null;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  company_id: string | null;
  status: string;
  deactivation_reason: string | null;
}

/** Each written column's SQL type, in the order of the store's multi-row statements. */
export const CLIENT_COLUMNS: { readonly [K in keyof ClientWrite]: string } = {
  id: 'uuid',
  version: 'integer',
  given_name: 'text',
  family_name: 'text',
  email: 'text',
  phone: 'text',
  address_line1: 'text',
  address_line2: 'text',
  postal_code: 'text',
  city: 'text',
  country: 'text',
  company_id: 'text',
  status: 'text',
  deactivation_reason: 'text',
};
