import { LegacyKey } from '@bascule/shared/contracts';
import { KeyRecord } from './key-record';

/** A legacy key the key map holds for an aggregate, by its text (a composite key's canonical encoding). */
export interface HeldKey {
  key: string;
  lastLsn: number;
  deleted: boolean;
}

/** Where a context records which legacy keys became which aggregate, and how far each key was applied. */
export interface LegacyKeyMap {
  /** The last applied position of each of these keys (by the key as text; keys never seen are absent). */
  lastLsns(keys: LegacyKey[]): Promise<Map<string, number>>;
  /** Records a batch's applied changes (the latest per key); an older change never overwrites a newer one. */
  recordAll(records: KeyRecord[]): Promise<void>;
  /** Every legacy key that leads to this aggregate, deleted ones included, in key order. */
  keysOf(aggregateId: string): Promise<HeldKey[]>;
}
