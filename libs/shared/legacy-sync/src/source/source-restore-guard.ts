import { SafeMessageError } from '@bascule/shared/application';
import { Gauge, register } from 'prom-client';
import { LegacySource } from './legacy-source';
import { SourcePositions } from './source-positions';

/** Where the alarm sends whoever reads it. */
export const LEGACY_RESTORE_RUNBOOK = 'docs/runbooks/legacy-capture.md';

const RESTORED = 'bascule_legacy_source_restored';
const restoredGauge =
  (register.getSingleMetric(RESTORED) as Gauge | undefined) ??
  new Gauge({
    name: RESTORED,
    help: `1 when the legacy database was restored behind what the sync applied: the sync stopped, see ${LEGACY_RESTORE_RUNBOOK}`,
    labelNames: ['topic'],
  });

/**
 * A change arrived from a legacy database restored to an earlier point. Never dead-lettered, never skipped:
 * classified as an error to wait on (the engine retries, resolving nothing) while the sync stops.
 */
export class LegacySourceRestoredError extends Error implements SafeMessageError {
  readonly code = 'LEGACY.SOURCE_RESTORED';
  readonly safeMessage = true;
}

/**
 * Tells a legacy restore from a replay (ADR 0035). Applied positions only grow, and so does a live server's WAL:
 * the legacy server's current WAL position below the highest LSN the sync applied means its WAL went back,
 * i.e. it was restored (from a backup, a snapshot, a point in time). A replay after a restart or a rebalance
 * also brings LSNs below the highest applied, but the server's WAL is still past it: those are duplicates as before.
 */
export class SourceRestoreGuard {
  /** Why the sync stopped, once it did. */
  restored?: string;

  constructor(
    readonly positions: SourcePositions,
    private readonly source: LegacySource,
    private readonly onRestored: (why: string) => void,
  ) {
    restoredGauge.set({ topic: positions.topic }, 0);
  }

  /** In a transaction holding a change below `highest`: throws when the server's WAL is behind it too. */
  async confirmNotRestored(highest: number): Promise<void> {
    const wal = await this.source.currentWalLsn();
    if (wal >= highest) return;
    const why =
      `legacy database restored: its WAL is at ${lsnText(wal)}, behind ${lsnText(highest)} already applied from ` +
      `${this.positions.topic}; the sync stopped, nothing skipped. Re-snapshot: ${LEGACY_RESTORE_RUNBOOK}`;
    if (!this.restored) {
      this.restored = why;
      restoredGauge.set({ topic: this.positions.topic }, 1);
      this.onRestored(why);
    }
    throw new LegacySourceRestoredError(why);
  }

  /** Outside any change (at start, then periodically): the same comparison with what was last applied. */
  async check(): Promise<void> {
    const highest = await this.positions.highest();
    if (highest !== undefined) await this.confirmNotRestored(highest);
  }
}

/** An LSN as PostgreSQL writes it (`16/B374D848`). */
export const lsnText = (lsn: number): string =>
  `${Math.floor(lsn / 2 ** 32)
    .toString(16)
    .toUpperCase()}/${(lsn % 2 ** 32).toString(16).toUpperCase()}`;

/**
 * For one transaction of the sync: called with each change's position before it is skipped, buffered or applied,
 * the first one below the highest position applied makes the guard look at the legacy server (once per
 * transaction); a restored one throws. Without a guard (unit set-ups), checks nothing.
 */
export async function belowHighestApplied(guard?: SourceRestoreGuard): Promise<(lsn: number) => Promise<void>> {
  const highest = guard ? await guard.positions.highest() : undefined;
  let confirmed = false;
  return async (lsn) => {
    if (highest === undefined || lsn >= highest || confirmed) return;
    await guard?.confirmNotRestored(highest);
    confirmed = true;
  };
}
