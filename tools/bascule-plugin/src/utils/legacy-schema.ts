import { names, Tree } from '@nx/devkit';
import { GeneratorInputError } from './context-names';

export interface LegacyColumn {
  name: string;
  /** The TypeScript type of its value in a Debezium change (numeric arrives as a string: decimal.handling.mode). */
  tsType: 'number' | 'string';
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
  columns: LegacyColumn[];
  /** The text column the aggregate's name is translated from (the first one other than the key). */
  nameColumn: string | null;
}

const INTEGER = /^(integer|int|int4|bigint|int8|smallint|int2|serial|bigserial)\b/i;

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
  const columns = lines.flatMap((line) => {
    const match = /^"([A-Z0-9_]+)"\s+(.+)$/i.exec(line);
    if (!match) return [];
    const [, name, type] = match;
    const primary = /PRIMARY KEY/i.test(type);
    const column: LegacyColumn & { primary: boolean } = {
      name,
      tsType: INTEGER.test(type) ? 'number' : 'string',
      nullable: !primary && !/NOT NULL/i.test(type),
      primary,
    };
    return [column];
  });
  const key = columns.find((column) => column.primary);
  if (!key) throw new GeneratorInputError(`legacy table "${table}" has no primary key column in ${schemaFile}`);
  const text = columns.find((column) => column !== key && column.tsType === 'string');
  const n = names(table.toLowerCase());
  return {
    table,
    topic,
    tableFile: n.fileName.replace(/_/g, '-'),
    Table: names(table.toLowerCase().replace(/_/g, '-')).className,
    TABLE: table,
    key: { name: key.name, tsType: key.tsType, nullable: false },
    columns: columns.map(({ name, tsType, nullable }) => ({ name, tsType, nullable })),
    nameColumn: text?.name ?? null,
  };
}
