import { CapturedChange, compositeLegacyKey, CompositeLegacyKey, KeyParts, LegacyKey } from '@bascule/shared/contracts';
import { MalformedChange, parseDebeziumChange } from './debezium-change';
import { transactionKeyOf } from './debezium-transaction';

/** A legacy primary key (one column or several) and what its values must be. */
export interface KeyColumn<K extends LegacyKey> {
  /** The key from a row or a message key, or undefined when it holds none (`NO_CLIENT` not an integer). */
  of(record: Record<string, unknown>): K | undefined;
  /** Said in the reason a change with an unusable key is set aside (`NO_CLIENT is not an integer`). */
  unusable: string;
}

export const integerKey = (column: string): KeyColumn<number> => ({
  of: (record) => (Number.isSafeInteger(record[column]) ? (record[column] as number) : undefined),
  unusable: `${column} is not an integer`,
});

export const textKey = (column: string): KeyColumn<string> => ({
  of: (record) => {
    const raw = record[column];
    return typeof raw === 'string' && raw.length > 0 ? raw : undefined;
  },
  unusable: `${column} is not a text`,
});

/** A key of several columns (`LIGNES_COMMANDE`: NO_COMMANDE, NO_LIGNE), as its canonical text (see `compositeLegacyKey`). */
export function compositeKey<const Parts extends KeyParts>(parts: Parts): KeyColumn<CompositeLegacyKey<Parts>> {
  const key = compositeLegacyKey(parts);
  return { of: key.parse, unusable: `the key is not ${key.kind}` };
}

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
        const record: unknown = JSON.parse(messageKey?.toString() ?? '');
        return typeof record === 'object' && record !== null ? key.of(record as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    },
    /** null for a tombstone; throws MalformedChange (its message names paths and positions, never values). */
    decode(value: Buffer | null): CapturedChange<Row, K> | null {
      const change = parseDebeziumChange(value);
      if (!change) return null;
      const row = (change.op === 'd' ? change.before : change.after) as Row;
      const parsed = key.of(row);
      if (parsed === undefined) throw new MalformedChange(key.unusable);
      const { lsn, txId, ts_ms } = change.source;
      const transactionId = transactionKeyOf(change.transaction?.id);
      return {
        deleted: change.op === 'd',
        key: parsed,
        row,
        lsn,
        txId: txId ?? null,
        transactionId,
        transactionOrder: change.transaction?.total_order ?? null,
        committedAtMs: ts_ms,
      };
    },
  };
}
