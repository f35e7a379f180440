/**
 * One data key per subject (a person: a client), wrapped by the installation's master key (ADR 0033). Erasure
 * destroys the key and keeps the row as the subject's erasure mark (`erased_at`): the legacy sync drops later
 * changes of an erased subject by it, and sealing for it is refused.
 */
export const subjectKeysTableUp: string[] = [
  `CREATE TABLE IF NOT EXISTS subject_keys (
     subject_id   text PRIMARY KEY,
     wrapped_key  bytea,
     created_at   timestamptz NOT NULL DEFAULT now(),
     erased_at    timestamptz,
     CONSTRAINT subject_keys_erased_has_no_key CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
   )`,
  ...subjectKeysMasterKeyIdUp(),
];

/**
 * The id of the master key that wraps each data key (a rotation re-wraps them under a new one, ADR 0033). Keys
 * stored before ids existed were wrapped by the installation's first key, `k1`: the column's default, which also
 * labels what a replica of the previous version inserts during a rolling update (it holds that key only). An
 * erased subject has none. Indexed for the rotation's batches and the start check's one sample per id.
 */
export function subjectKeysMasterKeyIdUp(): string[] {
  return [
    `ALTER TABLE subject_keys ADD COLUMN IF NOT EXISTS master_key_id text DEFAULT 'k1'`,
    `UPDATE subject_keys SET master_key_id = NULL WHERE wrapped_key IS NULL AND master_key_id IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS subject_keys_by_master_key ON subject_keys (master_key_id, subject_id)
     WHERE wrapped_key IS NOT NULL`,
  ];
}
