import { CapturedChange, LegacyKey } from '@bascule/shared/contracts';
import { MalformedChange, parseDebeziumChange } from './debezium-change';

/** A legacy primary key column and what its values must be. */
export interface KeyColumn<K extends LegacyKey> {
  column: string;
  /** The key, or undefined when the value is not one (`NO_CLIENT` not an integer). */
  parse(raw: unknown): K | undefined;
  /** Said in the reason a change with an unusable key is set aside (`an integer`). */
  kind: string;
}

export const integerKey = (column: string): KeyColumn<number> => ({
  column,
  parse: (raw) => (Number.isSafeInteger(raw) ? (raw as number) : undefined),
  kind: 'an integer',
});

export const textKey = (column: string): KeyColumn<string> => ({
  column,
  parse: (raw) => (typeof raw === 'string' && raw.length > 0 ? raw : undefined),
  kind: 'a text',
});

/**
 * A legacy table as Debezium captures it (`legacy.public.<TABLE>`, key = `{"<COLUMN>": value}`, the full
 * envelope as JSON without schemas): how to read a message's key and value.
 */
export function debeziumTable<Row extends Record<string, unknown>, K extends LegacyKey>(
  table: string,
  key: KeyColumn<K>,
) {
  return {
    table,
    /** The key from the Kafka message key, when readable (the key map is read before values are parsed). */
    keyOf(messageKey: Buffer | null): K | undefined {
      try {
        return key.parse((JSON.parse(messageKey?.toString() ?? '') as Record<string, unknown>)[key.column]);
      } catch {
        return undefined;
      }
    },
    /** null for a tombstone; throws MalformedChange (its message names paths and positions, never values). */
    decode(value: Buffer | null): CapturedChange<Row, K> | null {
      const change = parseDebeziumChange(value);
      if (!change) return null;
      const row = (change.op === 'd' ? change.before : change.after) as Row;
      const parsed = key.parse(row[key.column]);
      if (parsed === undefined) throw new MalformedChange(`${key.column} is not ${key.kind}`);
      const { lsn, txId, ts_ms } = change.source;
      return { deleted: change.op === 'd', key: parsed, row, lsn, txId: txId ?? null, committedAtMs: ts_ms };
    },
  };
}
