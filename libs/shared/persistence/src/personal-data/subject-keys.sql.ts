/**
 * One data key per subject (a person: a client), wrapped by the installation's master key (ADR 0033). Erasure
 * destroys the key and keeps the row as the subject's erasure mark (`erased_at`): the legacy sync drops later
 * changes of an erased subject by it, and sealing for it is refused.
 */
export const subjectKeysTableUp = [
  `CREATE TABLE IF NOT EXISTS subject_keys (
     subject_id   text PRIMARY KEY,
     wrapped_key  bytea,
     created_at   timestamptz NOT NULL DEFAULT now(),
     erased_at    timestamptz,
     CONSTRAINT subject_keys_erased_has_no_key CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
   )`,
];
