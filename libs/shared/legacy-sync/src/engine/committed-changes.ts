import { messagingMetrics } from '@bascule/shared/messaging';
import { KeyRecord } from '../key-map/key-record';

/**
 * Once a legacy transaction committed, for one table: its changes dropped because their subject is erased counted
 * (`bascule_acl_erased_dropped_total`, ADR 0033) and each applied change's CDC lag observed. A table's sync and a
 * group's both count here.
 */
export function countCommitted(table: string, erased: number, records: readonly KeyRecord[]): void {
  if (erased > 0) messagingMetrics.erasedDropped.inc({ table }, erased);
  const now = Date.now();
  for (const record of records)
    messagingMetrics.cdcLag.observe({ table }, Math.max(0, now - record.committedAtMs) / 1000);
}
