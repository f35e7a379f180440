import { names, Tree } from '@nx/devkit';
import { GeneratorInputError } from './context-names';

/** A legacy column as Debezium sends it (JSON without schemas), given the connector's settings. */
export interface CapturedColumn {
  name: string;
  /** camelCase, for the translated image (`MONTANT_TOTAL` → `montantTotal`). */
  field: string;
  sqlType: string;
  tsType: 'number' | 'string' | 'boolean';
  /** What the value is, for the row's doc comment (`ISO-8601 instant with offset`). */
  arrives: string;
  nullable: boolean;
  /** The table this column references (`REFERENCES "COMMANDES"`), if any. */
  references: string | null;
}

/** A captured legacy table: its columns as they arrive and its key (one column or several). */
export interface CapturedTable {
  table: string;
  /** `lignes-commande`, `LignesCommande`, `LIGNES_COMMANDE`. */
  tableFile: string;
  Table: string;
  TABLE: string;
  columns: CapturedColumn[];
  key: CapturedColumn[];
}

const CONNECTOR = 'tools/infra/connect/legacy-connector.json';
type Config = Record<string, string | undefined>;

const listed = (list: string | undefined, column: string) =>
  (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .some((entry) => entry.length > 0 && new RegExp(`^${entry}$`).test(column));

/**
 * How a column's values arrive, by the connector's settings (what `capturedColumnType` of the ACL says, which
 * the plugin may not import): excluded (null: never sent), hashed or masked (a text whatever its type),
 * `timestamptz` an ISO-8601 text, `date`/`time`/`timestamp` numbers, `numeric` a text (or a double).
 */
function arriving(sqlType: string, column: string, config: Config): Pick<CapturedColumn, 'tsType' | 'arrives'> | null {
  if (listed(config['column.exclude.list'], column)) return null;
  const converters = (config['converters'] ?? '').split(',').map((name) => name.trim());
  if (converters.some((name) => name && listed(config[`${name}.columns`], column)))
    return { tsType: 'string', arrives: 'a hex digest: joinable, not readable' };
  const masks = Object.keys(config).filter((key) => key.startsWith('column.mask.'));
  if (masks.some((key) => key.startsWith('column.mask.hash.') && listed(config[key], column)))
    return { tsType: 'string', arrives: 'a hex digest: joinable, not readable' };
  if (masks.some((key) => listed(config[key], column))) return { tsType: 'string', arrives: 'asterisks: masked' };
  const type = sqlType.trim().toLowerCase();
  if (/^(timestamptz|timestamp(\s*\(\d\))?\s+with time zone)\b/.test(type))
    return { tsType: 'string', arrives: 'ISO-8601 instant with offset' };
  if (/^timestamp\b/.test(type)) return { tsType: 'number', arrives: 'since the epoch (no zone)' };
  if (/^date\b/.test(type)) return { tsType: 'number', arrives: 'days since 1970-01-01' };
  if (/^time\b/.test(type)) return { tsType: 'number', arrives: 'since midnight' };
  if (/^(numeric|decimal|money)\b/.test(type))
    return config['decimal.handling.mode'] === 'double'
      ? { tsType: 'number', arrives: 'the decimal as a double (inexact)' }
      : config['decimal.handling.mode'] === 'string'
        ? { tsType: 'string', arrives: 'the decimal as text (exact)' }
        : { tsType: 'string', arrives: 'base64 of the unscaled value' };
  if (/^(smallint|integer|int|int2|int4|int8|bigint|serial|bigserial|real|float4|float8|double precision)\b/.test(type))
    return { tsType: 'number', arrives: 'a number' };
  if (/^bool/.test(type)) return { tsType: 'boolean', arrives: 'a boolean' };
  return { tsType: 'string', arrives: 'a text' };
}

/** The body of `CREATE TABLE … "<TABLE>" (…);` of the legacy schema, or null when it declares no such table. */
const tableBody = (schema: string, table: string) =>
  new RegExp(`CREATE TABLE(?: IF NOT EXISTS)? "${table}" \\(([\\s\\S]*?)\\n\\);`).exec(schema)?.[1] ?? null;

/**
 * Reads a legacy table from the legacy schema (`databaseSchema` of the legacy manifest): its columns typed as
 * Debezium sends them under the connector's settings (`tools/infra/connect/legacy-connector.json`), its key,
 * one column or several (`PRIMARY KEY ("NO_COMMANDE", "NO_LIGNE")`), and the tables its columns reference.
 */
export function capturedTable(tree: Tree, schemaFile: string, table: string): CapturedTable {
  const body = tableBody(tree.read(schemaFile, 'utf-8') ?? '', table);
  if (body === null) throw new GeneratorInputError(`legacy table "${table}" is not declared in ${schemaFile}`);
  const config: Config = tree.exists(CONNECTOR) ? (JSON.parse(tree.read(CONNECTOR, 'utf-8') ?? '{}').config ?? {}) : {};
  const lines = body
    .split('\n')
    .map((line) => line.replace(/--.*$/, '').trim().replace(/,$/, ''))
    .filter(Boolean);
  const compositeKey = lines
    .map((line) => /^PRIMARY KEY\s*\(([^)]*)\)/i.exec(line)?.[1])
    .find(Boolean)
    ?.split(',')
    .map((name) => name.trim().replace(/"/g, ''));
  const declared = lines.flatMap((line) => {
    const match = /^"([A-Z0-9_]+)"\s+(.+)$/i.exec(line);
    return match ? [{ name: match[1], definition: match[2] }] : [];
  });
  const columns = declared.flatMap(({ name, definition }) => {
    const sqlType = definition.split(/\s+(?=NOT NULL|PRIMARY|REFERENCES|DEFAULT|NULL|UNIQUE|CHECK)/i)[0];
    const type = arriving(sqlType, `public.${table}.${name}`, config);
    if (!type) return [];
    const primary = /PRIMARY KEY/i.test(definition) || (compositeKey ?? []).includes(name);
    return [
      {
        name,
        field: names(name.toLowerCase()).propertyName,
        sqlType,
        ...type,
        nullable: !primary && !/NOT NULL/i.test(definition),
        references: /REFERENCES\s+"([A-Z0-9_]+)"/i.exec(definition)?.[1] ?? null,
      },
    ];
  });
  const key = compositeKey
    ? compositeKey.map((name) => columns.find((column) => column.name === name) as CapturedColumn)
    : columns.filter((column) => /PRIMARY KEY/i.test(declared.find((d) => d.name === column.name)?.definition ?? ''));
  if (key.length === 0 || key.some((column) => !column))
    throw new GeneratorInputError(`legacy table "${table}" has no primary key the connector captures in ${schemaFile}`);
  if (
    key.some(
      (column) =>
        column.tsType === 'boolean' || (compositeKey && column.tsType !== 'number' && column.tsType !== 'string'),
    )
  )
    throw new GeneratorInputError(
      `legacy table "${table}": a key of ${key.map((c) => c.sqlType).join(', ')} is not supported`,
    );
  return {
    table,
    tableFile: names(table.toLowerCase()).fileName.replace(/_/g, '-'),
    Table: names(table.toLowerCase().replace(/_/g, '-')).className,
    TABLE: table,
    columns,
    key,
  };
}
