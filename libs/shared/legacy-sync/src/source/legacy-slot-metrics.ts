import { Gauge, register } from 'prom-client';
import { LegacySource, SlotState } from './legacy-source';

const WAL_STATUSES = ['reserved', 'extended', 'unreserved', 'lost'] as const;
const watched = new Map<string, LegacySource>();

/** One read of pg_replication_slots serves every gauge of a scrape (each gauge collects on its own). */
let reading: { at: number; states: Promise<Map<string, SlotState | undefined>> } | undefined;
function slotStates(): Promise<Map<string, SlotState | undefined>> {
  if (reading && Date.now() - reading.at < 1_000) return reading.states;
  const states = Promise.all(
    [...watched].map(async ([slot, source]) => [slot, await source.slot(slot).catch(() => undefined)] as const),
  ).then((entries) => new Map(entries));
  reading = { at: Date.now(), states };
  return states;
}

function slotGauge(name: string, help: string, value: (state: SlotState | undefined) => number | null) {
  if (register.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    labelNames: ['slot'],
    async collect() {
      this.reset();
      for (const [slot, state] of await slotStates()) {
        const measured = value(state);
        if (measured !== null) this.set({ slot }, measured);
      }
    },
  });
}

slotGauge(
  'bascule_legacy_slot_retained_wal_bytes',
  'WAL the legacy capture slot keeps on the legacy disk (current WAL position - restart_lsn)',
  (state) => state?.retainedBytes ?? null,
);
slotGauge(
  'bascule_legacy_slot_lag_bytes',
  'WAL written on the legacy database and not yet confirmed by Debezium (current WAL position - confirmed_flush_lsn)',
  (state) => state?.lagBytes ?? null,
);
slotGauge(
  'bascule_legacy_slot_safe_wal_bytes',
  'WAL that can still be written before max_slot_wal_keep_size invalidates the slot (absent when unlimited)',
  (state) => state?.safeWalBytes ?? null,
);
slotGauge('bascule_legacy_slot_active', '1 while a consumer (Debezium) streams from the slot', (state) =>
  state ? Number(state.active) : null,
);
slotGauge('bascule_legacy_slot_exists', '1 when the slot exists on the legacy database; 0 when it is gone', (state) =>
  Number(state !== undefined),
);
if (!register.getSingleMetric('bascule_legacy_slot_wal_status'))
  new Gauge({
    name: 'bascule_legacy_slot_wal_status',
    help: 'The slot wal_status, 1 for the current one (lost: invalidated, the connector must re-snapshot)',
    labelNames: ['slot', 'status'],
    async collect() {
      this.reset();
      for (const [slot, state] of await slotStates())
        if (state) for (const status of WAL_STATUSES) this.set({ slot, status }, Number(state.walStatus === status));
    },
  });

/**
 * The capture's replication slot on `/metrics`, read from the legacy server at scrape time: what it retains, how
 * far Debezium lags, whether it streams, and its wal_status (ADR 0035; alerts in k8s/legacy-capture-alerts.yaml).
 */
export function watchLegacySlot(slot: string, source: LegacySource): void {
  watched.set(slot, source);
}
