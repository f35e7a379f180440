/**
 * The legacy tables a context captures, as the CDC bench drives them: how to write one change, how to read
 * its key on the topic, and which key map records its application (the bench's commit clock hangs on it).
 * A second captured table is one more entry.
 */
export interface CapturedTableBench {
  table: string;
  /** One legacy change, committed on its own: RETURNING its key (`no`) and the database clock (`at`, ms). */
  insert: string;
  params(label: string, index: number, run: string): unknown[];
  /** The key from a record's Kafka key (`{"NO_CLIENT": n}`, JSON converter without schemas). */
  keyOf(messageKey: Buffer): number;
  /** The service's key map for this table and its key column. */
  keyMap: { table: string; keyColumn: string };
}

// clock_timestamp() in RETURNING: the legacy commit's time on the database clock (autocommit: it commits next).
const CLIENTS: CapturedTableBench = {
  table: 'CLIENTS',
  insert: `INSERT INTO "CLIENTS" ("NOM", "PRENOM", "EMAIL", "ADRESSE1", "CODE_POSTAL", "VILLE", "DATE_CREATION") VALUES ($1, 'Bench', $2, '1 rue du Banc', '75001', 'PARIS', '25/11/2026')
    RETURNING "NO_CLIENT" AS no, (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS at`,
  params: (label, index, run) => [`${label}${index}`, `${label.toLowerCase()}${index}.${run}@exemple.fr`],
  keyOf: (key) => Number((JSON.parse(key.toString()) as { NO_CLIENT: number }).NO_CLIENT),
  keyMap: { table: 'legacy_client_keys', keyColumn: 'no_client' },
};

export const CAPTURED_TABLES: CapturedTableBench[] = [CLIENTS];

/**
 * The service's commit of an applied change, on the same clock: a deferred trigger on the table's key map
 * runs at COMMIT, after the apply's own statements, and records the time in a side table that commits with
 * them. Bench-only.
 */
export const commitClock = (tables: CapturedTableBench[]) => `
  CREATE UNLOGGED TABLE bench_applied (source text NOT NULL, key integer NOT NULL, committed_ms float8 NOT NULL);
  ${tables
    .map(
      ({ table, keyMap }) => `
  CREATE FUNCTION bench_applied_${keyMap.table}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    BEGIN INSERT INTO bench_applied VALUES ('${table}', NEW.${keyMap.keyColumn}, extract(epoch FROM clock_timestamp()) * 1000); RETURN NULL; END $$;
  CREATE CONSTRAINT TRIGGER bench_applied_at AFTER INSERT OR UPDATE ON ${keyMap.table}
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bench_applied_${keyMap.table}();`,
    )
    .join('\n')}`;
