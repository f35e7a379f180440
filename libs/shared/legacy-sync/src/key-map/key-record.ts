import { LegacyKey } from '@bascule/shared/contracts';

/** An applied change as the key map records it. */
export interface KeyRecord {
  key: LegacyKey;
  aggregateId: string;
  lsn: number;
  deleted: boolean;
  /** The row as legacy wrote it (the ACL's choice of columns), or null to keep the one recorded. */
  kept: unknown;
  /** When the source committed it (ms), for the lag once the batch has committed. */
  committedAtMs: number;
}

/** One record per key, the latest position winning: a batch may change one key several times. */
export function latestPerKey(records: readonly KeyRecord[]): KeyRecord[] {
  const latest = new Map<string, KeyRecord>();
  for (const record of records) {
    const key = String(record.key);
    if ((latest.get(key)?.lsn ?? -1) < record.lsn) latest.set(key, record);
  }
  return [...latest.values()];
}
