/**
 * How the connector treats one column (its config: `saltedhash.columns`, `partialmask.columns`, `column.mask.*`,
 * `column.exclude.list`).
 */
export type ColumnHandling = 'as-is' | 'hashed' | 'masked' | 'partly-masked' | 'excluded';

/** A column's value as it arrives in a change (JSON without schemas), and what it means. */
export interface CapturedColumnType {
  /** The TypeScript type of a value that arrives; `absent` for a column the connector excludes. */
  tsType: 'number' | 'string' | 'boolean' | 'absent';
  /** What the value is, for the row's doc comment and the translator (`ISO-8601 instant with offset`). */
  arrives: string;
}

/** The connector settings that decide how values arrive (Debezium's names; absent ones take Debezium's defaults). */
export type ConnectorConfig = Readonly<Record<string, string | undefined>>;

const of = (tsType: CapturedColumnType['tsType'], arrives: string): CapturedColumnType => ({ tsType, arrives });

const listed = (list: string | undefined, column: string) =>
  (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .some((entry) => entry.length > 0 && new RegExp(`^${entry}$`).test(column));

/**
 * How the connector treats `<schema>.<TABLE>.<COLUMN>`: excluded, hashed (the salted-hash converter, or
 * Debezium's `column.mask.hash.*`), masked (`column.mask.with.N.chars`), masked but for its ends (the partial-mask
 * converter) or sent as it is.
 */
export function columnHandling(config: ConnectorConfig, column: string): ColumnHandling {
  if (listed(config['column.exclude.list'], column)) return 'excluded';
  const converters = (config['converters'] ?? '').split(',').map((name) => name.trim());
  const hashedByConverter = converters.some(
    (name) =>
      name.length > 0 && listed(config[`${name}.columns`], column) && /SaltedHash/.test(config[`${name}.type`] ?? ''),
  );
  const hashedByDebezium = Object.keys(config).some(
    (name) => name.startsWith('column.mask.hash.') && listed(config[name], column),
  );
  if (hashedByConverter || hashedByDebezium) return 'hashed';
  const partlyMasked = converters.some(
    (name) =>
      name.length > 0 && listed(config[`${name}.columns`], column) && /PartialMask/.test(config[`${name}.type`] ?? ''),
  );
  if (partlyMasked) return 'partly-masked';
  const masked = Object.keys(config).some(
    (name) => /^column\.mask\.with\.\d+\.chars$/.test(name) && listed(config[name], column),
  );
  return masked ? 'masked' : 'as-is';
}

/**
 * What a PostgreSQL column's values are in a Debezium change, given the connector's settings: `timestamptz`
 * is an ISO-8601 text (Debezium's ZonedTimestamp, whatever `time.precision.mode`), `date` a number of days,
 * `timestamp` a number, `numeric` a text under `decimal.handling.mode=string`; a hashed or masked column is a
 * text whatever its SQL type, an excluded one never arrives.
 */
export function capturedColumnType(
  sqlType: string,
  handling: ColumnHandling,
  config: ConnectorConfig = {},
): CapturedColumnType {
  if (handling === 'excluded') return of('absent', 'never captured (column.exclude.list)');
  if (handling === 'hashed')
    return of(
      'string',
      'a hex digest: joinable, not readable (64 digits from the salted-hash converter, cut to the column length by column.mask.hash.*)',
    );
  if (handling === 'masked') return of('string', 'asterisks only: the value is masked');
  if (handling === 'partly-masked')
    return of('string', 'masked at capture but for its first and last characters (the partial-mask converter)');
  const type = sqlType.trim().toLowerCase();
  const adaptive = (config['time.precision.mode'] ?? 'adaptive') !== 'connect';
  if (/^(timestamptz|timestamp(\s*\(\d\))?\s+with time zone)\b/.test(type))
    return of('string', 'ISO-8601 instant with offset (ZonedTimestamp)');
  if (/^(timetz|time(\s*\(\d\))?\s+with time zone)\b/.test(type))
    return of('string', 'ISO-8601 time with offset (ZonedTime)');
  if (/^timestamp\b/.test(type))
    return of('number', adaptive ? 'since the epoch, ms up to precision 3, µs above' : 'ms since the epoch (no zone)');
  if (/^date\b/.test(type)) return of('number', 'days since 1970-01-01');
  if (/^time\b/.test(type))
    return of('number', adaptive ? 'since midnight, ms up to precision 3, µs above' : 'ms since midnight');
  if (/^interval\b/.test(type))
    return config['interval.handling.mode'] === 'string' ? of('string', 'ISO-8601 duration') : of('number', 'µs');
  if (/^(numeric|decimal|money)\b/.test(type)) {
    const mode = config['decimal.handling.mode'] ?? 'precise';
    if (mode === 'string') return of('string', 'the decimal as text (exact)');
    if (mode === 'double') return of('number', 'the decimal as a double (inexact)');
    return of('string', 'base64 of the unscaled value (decimal.handling.mode=precise)');
  }
  if (/^(smallint|int2|integer|int|int4|serial|smallserial)\b/.test(type)) return of('number', 'an integer');
  if (/^(bigint|int8|bigserial)\b/.test(type)) return of('number', 'an integer (exact up to 2^53)');
  if (/^(real|float4|float8|double precision|float)\b/.test(type)) return of('number', 'a floating-point number');
  if (/^bool/.test(type)) return of('boolean', 'a boolean');
  if (/^bytea\b/.test(type)) return of('string', 'base64 of the bytes');
  return of('string', 'text');
}

/** A captured `timestamptz`: the instant, or undefined when the text is not an ISO-8601 instant with an offset. */
export function capturedInstant(raw: unknown): Date | undefined {
  if (typeof raw !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(raw))
    return undefined;
  const instant = new Date(raw);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/** A captured `date` (days since 1970-01-01) as `YYYY-MM-DD`, or undefined when it is not a whole number of days. */
export function capturedDate(raw: unknown): string | undefined {
  if (!Number.isSafeInteger(raw)) return undefined;
  return new Date((raw as number) * 86_400_000).toISOString().slice(0, 10);
}
