/** The SQL kind of one column of a composite legacy key, and the value it holds. */
export type KeyPartKind = 'integer' | 'text';
type KeyPartValue<Kind extends KeyPartKind> = Kind extends 'integer' ? number : string;

/** The columns of a composite key in the legacy primary key's order (`{ NO_COMMANDE: 'integer', NO_LIGNE: 'integer' }`). */
export type KeyParts = Readonly<Record<string, KeyPartKind>>;

/** A composite key's values, typed by its columns. */
export type KeyValues<Parts extends KeyParts> = { readonly [Column in keyof Parts]: KeyPartValue<Parts[Column]> };

/**
 * A composite legacy key as one text: the columns in the declared order, as JSON
 * (`{"NO_COMMANDE":500001,"NO_LIGNE":2}`). The same values give the same text whatever the order in which
 * the capture wrote them, so it is the key map's key and a Map's key; it is branded with its columns so a
 * line's key is not taken for another table's.
 */
export type CompositeLegacyKey<Parts extends KeyParts> = string & { readonly __keyParts: Parts };

const isPart = (kind: KeyPartKind, value: unknown) =>
  kind === 'integer' ? Number.isSafeInteger(value) : typeof value === 'string' && value.length > 0;

/** Encodes and decodes one table's composite keys (ADR 0031). */
export function compositeLegacyKey<const Parts extends KeyParts>(parts: Parts) {
  const columns = Object.keys(parts) as (keyof Parts & string)[];
  if (columns.length < 2) throw new Error('a composite legacy key has at least two columns');
  const kind = columns.map((column) => `${parts[column]} ${column}`).join(', ');
  const parse = (raw: unknown): CompositeLegacyKey<Parts> | undefined => {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const record = raw as Record<string, unknown>;
    if (!columns.every((column) => isPart(parts[column], record[column]))) return undefined;
    const canonical = Object.fromEntries(columns.map((column) => [column, record[column]]));
    return JSON.stringify(canonical) as CompositeLegacyKey<Parts>;
  };
  return {
    columns,
    /** What a reason says a key must be: `integer NO_COMMANDE, integer NO_LIGNE`. */
    kind,
    /** The key from a row or a message key holding at least those columns; undefined when one is missing or mistyped. */
    parse,
    encode(values: KeyValues<Parts>): CompositeLegacyKey<Parts> {
      const key = parse(values);
      if (key === undefined) throw new Error(`not a key of ${kind}`);
      return key;
    },
    decode(key: CompositeLegacyKey<Parts>): KeyValues<Parts> {
      return JSON.parse(key) as KeyValues<Parts>;
    },
  };
}
