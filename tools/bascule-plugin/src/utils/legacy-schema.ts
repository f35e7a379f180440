import { names, Tree } from '@nx/devkit';
import { arriving, connectorConfig } from './captured-table';
import { GeneratorInputError } from './context-names';

export interface LegacyColumn {
  name: string;
  /** The TypeScript type of its value in a Debezium change, by the connector's settings (`arriving`, ADR 0031). */
  tsType: 'number' | 'string' | 'boolean';
  /** Text (char, varchar, text): what a name may be translated from. */
  text: boolean;
  nullable: boolean;
}

/** A captured table as the legacy schema declares it, and the names the templates use for it. */
export interface LegacyTableShape {
  table: string;
  topic: string;
  /** `stock`, `Stock`, `STOCK` (file, type and constant spellings). */
  tableFile: string;
  Table: string;
  TABLE: string;
  key: LegacyColumn;
  /** The key map's SQL type for the key. */
  keyType: 'integer' | 'bigint' | 'text';
  columns: LegacyColumn[];
  /** The text column the aggregate's name is translated from (the first one other than the key). */
  nameColumn: string | null;
}

const BIGINT = /^(bigint|int8|bigserial)\b/i;
const TEXT = /^(varchar|character varying|char|character|text|bpchar)\b/i;

/** Reads `CREATE TABLE … "<TABLE>" (…)` of the legacy schema: its columns, their types and its one-column key. */
export function legacyTableShape(tree: Tree, schemaFile: string, table: string, topic: string): LegacyTableShape {
  const schema = tree.read(schemaFile, 'utf-8') ?? '';
  const body = new RegExp(`CREATE TABLE(?: IF NOT EXISTS)? "${table}" \\(([\\s\\S]*?)\\n\\);`).exec(schema)?.[1];
  if (!body) throw new GeneratorInputError(`legacy table "${table}" is not declared in ${schemaFile}`);
  const lines = body
    .split('\n')
    .map((line) => line.replace(/--.*$/, '').trim().replace(/,$/, ''))
    .filter(Boolean);
  const composite = lines.find((line) => /^PRIMARY KEY\s*\(/i.test(line));
  if (composite)
    throw new GeneratorInputError(`legacy table "${table}" has a composite key (${composite}): sync it by hand`);
  const config = connectorConfig(tree);
  const columns = lines.flatMap((line) => {
    const match = /^"([A-Z0-9_]+)"\s+(.+)$/i.exec(line);
    if (!match) return [];
    const [, name, type] = match;
    const sqlType = type.split(/\s+(?=NOT NULL|PRIMARY|REFERENCES|DEFAULT|NULL|UNIQUE|CHECK)/i)[0];
    // Typed as Debezium sends it: a hashed or masked column is a text, an excluded one never arrives.
    const arrives = arriving(sqlType, `public.${table}.${name}`, config);
    if (!arrives) return [];
    const primary = /PRIMARY KEY/i.test(type);
    const column: LegacyColumn & { primary: boolean; sqlType: string } = {
      name,
      tsType: arrives.tsType,
      text: TEXT.test(type) && arrives.tsType === 'string',
      nullable: !primary && !/NOT NULL/i.test(type),
      primary,
      sqlType: type,
    };
    return [column];
  });
  const key = columns.find((column) => column.primary);
  if (!key) throw new GeneratorInputError(`legacy table "${table}" has no primary key column in ${schemaFile}`);
  const text = columns.find((column) => column !== key && column.text);
  const n = names(table.toLowerCase());
  return {
    table,
    topic,
    tableFile: n.fileName.replace(/_/g, '-'),
    Table: names(table.toLowerCase().replace(/_/g, '-')).className,
    TABLE: table,
    key: { name: key.name, tsType: key.tsType, text: key.text, nullable: false },
    keyType: BIGINT.test(key.sqlType) ? 'bigint' : key.tsType === 'number' ? 'integer' : 'text',
    columns: columns.map(({ name, tsType, text, nullable }) => ({ name, tsType, text, nullable })),
    nameColumn: text?.name ?? null,
  };
}
