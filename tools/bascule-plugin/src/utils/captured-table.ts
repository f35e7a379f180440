import { names, Tree } from '@nx/devkit';
import { capturedColumnType, columnHandling, ConnectorConfig } from '@bascule/shared/contracts';
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
  /** A text column the schema documents as a legacy date (`-- DD/MM/YYYY`): translated to ISO `YYYY-MM-DD`. */
  legacyDate: boolean;
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

/** The legacy connector's settings (tools/infra/connect/legacy-connector.json), which decide how values arrive. */
export const connectorConfig = (tree: Tree): ConnectorConfig =>
  tree.exists(CONNECTOR) ? (JSON.parse(tree.read(CONNECTOR, 'utf-8') ?? '{}').config ?? {}) : {};

/**
 * How a column's values arrive, by the connector's settings: the ACL's own rule (`capturedColumnType` of
 * `@bascule/shared/contracts`, ADR 0031), null for a column the connector excludes (never sent).
 */
export function arriving(
  sqlType: string,
  column: string,
  config: ConnectorConfig,
): Pick<CapturedColumn, 'tsType' | 'arrives'> | null {
  const { tsType, arrives } = capturedColumnType(sqlType, columnHandling(config, column), config);
  return tsType === 'absent' ? null : { tsType, arrives };
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
  const config = connectorConfig(tree);
  const documented = new Map(
    body.split('\n').map((line) => [/^\s*"([A-Z0-9_]+)"/i.exec(line)?.[1], /--.*$/.exec(line)?.[0] ?? ''] as const),
  );
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
        legacyDate: type.tsType === 'string' && /DD\/MM\/YYYY/.test(documented.get(name) ?? ''),
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
