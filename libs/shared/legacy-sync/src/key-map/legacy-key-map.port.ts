import { LegacyKey } from '@bascule/shared/contracts';
import { KeyRecord } from './key-record';

/** A legacy key the key map holds for an aggregate, by its text (a composite key's canonical encoding). */
export interface HeldKey {
  key: string;
  lastLsn: number;
  deleted: boolean;
}

/** What the key map knows of a batch's keys, by the key as text (keys never seen are absent). */
export interface KnownKeys {
  /** The last applied position of each key. */
  lastLsns: Map<string, number>;
  /** The keys whose aggregate is erased (its erasure mark in `subject_keys`, ADR 0033): their changes are dropped. */
  erased: Set<string>;
}

/** Where a context records which legacy keys became which aggregate, and how far each key was applied. */
export interface LegacyKeyMap {
  /** The last applied position of each of these keys (by the key as text; keys never seen are absent). */
  lastLsns(keys: LegacyKey[]): Promise<Map<string, number>>;
  /** Their last applied positions and which of them lead to an erased aggregate, in one statement. */
  known(keys: LegacyKey[]): Promise<KnownKeys>;
  /**
   * Which of these aggregates are erased, whether or not a key leads to them yet (a group's new child row of an
   * erased aggregate has no key-map row): their changes are dropped (ADR 0033).
   */
  erasedAggregates(aggregateIds: string[]): Promise<Set<string>>;
  /** Records a batch's applied changes (the latest per key); an older change never overwrites a newer one. */
  recordAll(records: KeyRecord[]): Promise<void>;
  /** Every legacy key that leads to this aggregate, deleted ones included, in key order. */
  keysOf(aggregateId: string): Promise<HeldKey[]>;
}
