import { CapturedChange } from '@bascule/shared/contracts';
import { debeziumTable, integerKey } from '../debezium/debezium-table';
import { LegacyClientRow, LegacyClientSnapshot, snapshotOf } from './legacy-client-row';
import { LegacyClientImage, translateLegacyClient } from './translate-legacy-client';

/** `CLIENTS` as captured, keyed by NO_CLIENT. */
export const LEGACY_CLIENTS = debeziumTable<LegacyClientRow, number>('CLIENTS', integerKey('NO_CLIENT'));

/** An image to apply (null: deleted in legacy) and what the key map keeps of the row as legacy wrote it. */
export type LegacyClientChange =
  | { value: LegacyClientImage | null; kept: LegacyClientSnapshot | null; quarantine?: never }
  | { quarantine: string[]; value?: never };

/**
 * A captured change → what the client context applies. A delete needs no translation (the client is
 * deactivated) and keeps the row last seen; an erased row keeps nothing personal (status and creation date).
 */
export function translateLegacyClientChange(change: CapturedChange<LegacyClientRow>): LegacyClientChange {
  if (change.deleted) return { value: null, kept: null };
  const translation = translateLegacyClient(change.row);
  if (translation.quarantine) return { quarantine: translation.quarantine };
  const kept = snapshotOf(change.row);
  return {
    value: translation.image,
    kept: translation.image.status === 'ERASED' ? { STATUT: 'X', DATE_CREATION: kept.DATE_CREATION } : kept,
  };
}
