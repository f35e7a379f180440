import { numberSetting, portSetting } from '@bascule/shared/application';
import { Pool, PoolConfig } from 'pg';
import { executorOf } from '@bascule/shared/persistence';

/** A replication slot as the legacy server reports it (pg_replication_slots), positions in bytes of WAL. */
export interface SlotState {
  active: boolean;
  /** `reserved`, `extended`, `unreserved` or `lost` (lost: invalidated by max_slot_wal_keep_size, re-snapshot due). */
  walStatus: string | null;
  /** WAL the slot keeps on the legacy disk: current position − restart_lsn. */
  retainedBytes: number | null;
  /** What Debezium has not confirmed yet: current position − confirmed_flush_lsn. */
  lagBytes: number | null;
  /** WAL that can still be written before the slot is invalidated; null when max_slot_wal_keep_size is unlimited. */
  safeWalBytes: number | null;
}

/** What the sync reads of the legacy server itself: where its WAL is, and the capture's slot. */
export interface LegacySource {
  currentWalLsn(): Promise<number>;
  slot(name: string): Promise<SlotState | undefined>;
}

/**
 * The legacy server read with the least privilege there is: pg_replication_slots and pg_current_wal_lsn() are
 * readable by every role (PostgreSQL 10+), so the role needs LOGIN and CONNECT on one database and nothing else
 * (no pg_monitor, no grant on legacy data; ADR 0035).
 */
export class PgLegacySource implements LegacySource {
  /** The service's own pool when the legacy database is on its server: a read in a batch's transaction joins it. */
  constructor(private readonly pool: Pool) {}

  async currentWalLsn(): Promise<number> {
    const rows = await executorOf(this.pool).query<{ wal: string }>(
      `SELECT pg_current_wal_lsn() - '0/0'::pg_lsn AS wal`,
    );
    return Number(rows[0].wal);
  }

  async slot(name: string): Promise<SlotState | undefined> {
    const rows = await executorOf(this.pool).query<{
      active: boolean;
      wal_status: string | null;
      retained: string | null;
      lag: string | null;
      safe: string | null;
    }>(
      `SELECT active, wal_status, pg_current_wal_lsn() - restart_lsn AS retained,
              pg_current_wal_lsn() - confirmed_flush_lsn AS lag, safe_wal_size AS safe
         FROM pg_replication_slots WHERE slot_name = $1`,
      [name],
    );
    if (rows.length === 0) return undefined;
    const bytes = (value: string | null) => (value === null ? null : Number(value));
    const [row] = rows;
    return {
      active: row.active,
      walStatus: row.wal_status,
      retainedBytes: bytes(row.retained),
      lagBytes: bytes(row.lag),
      safeWalBytes: bytes(row.safe),
    };
  }
}

export interface LegacySourceSettings {
  /** The connector's replication slot (`LEGACY_SLOT`, default `bascule_legacy`). */
  slot: string;
  /** How often the sync compares the legacy WAL with what it applied, while idle too (`LEGACY_SOURCE_CHECK_INTERVAL_MS`). */
  checkIntervalMs: number;
  /** The legacy server's connection, when it is not the service's own server (`LEGACY_SOURCE_PGHOST` set). */
  connection?: PoolConfig;
}

/**
 * `LEGACY_SOURCE_PGHOST`, `_PGPORT` (5432), `_PGDATABASE` (`postgres`), `_PGUSER`, `_PGPASSWORD`: the legacy server,
 * as a role with LOGIN and CONNECT only. Unset, the service's own connection is used (one server, as locally).
 */
export function legacySourceSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LegacySourceSettings {
  const host = env.LEGACY_SOURCE_PGHOST;
  return {
    slot: env.LEGACY_SLOT ?? 'bascule_legacy',
    checkIntervalMs: numberSetting(env, 'LEGACY_SOURCE_CHECK_INTERVAL_MS', 15_000, { integer: true, min: 100 }),
    connection: host
      ? {
          host,
          port: portSetting(env, 'LEGACY_SOURCE_PGPORT', 5432),
          database: env.LEGACY_SOURCE_PGDATABASE ?? 'postgres',
          user: env.LEGACY_SOURCE_PGUSER,
          password: env.LEGACY_SOURCE_PGPASSWORD,
          max: 2,
          application_name: 'bascule-legacy-source-watch',
        }
      : undefined,
  };
}
