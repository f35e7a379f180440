import { CapturedColumn, CapturedTable } from '../../utils/captured-table';
import { GeneratorInputError } from '../../utils/context-names';
import { Field } from '../../utils/fields';

/** A field of the image translated from a column (none: an optional field the table has nothing for, null). */
export interface Mapped {
  field: string;
  column: string | null;
  /** How the field is held: as the column arrives, or a money field from a decimal sent as text. */
  tsType: CapturedColumn['tsType'] | 'money';
  nullable: boolean;
  /** What a NULL in the column becomes (`--columns reserved=QTE_RESERVEE?0`), as a literal; null: passed on. */
  whenNull: string | null;
  /** A money field's ISO 4217 currency (`--currency`, EUR by default). */
  currency: string;
}

export const FIELD_TS: Partial<Record<Field['type'], CapturedColumn['tsType']>> = {
  string: 'string',
  text: 'string',
  uuid: 'string',
  int: 'number',
  boolean: 'boolean',
};

const ENTRY = /^([a-z][A-Za-z0-9]*)=([A-Z][A-Z0-9_]*)(?:\?(.*))?$/;
const LITERAL: Record<CapturedColumn['tsType'] | 'money', RegExp> = {
  number: /^-?\d+$/,
  money: /^-?\d+(\.\d+)?$/,
  boolean: /^(true|false)$/,
  string: /^'[^'\\]*'$/,
};

/**
 * `--columns "sku=REF_ARTICLE onHand=QTE_DISPO reserved=QTE_RESERVEE?0 unitPrice=PRIX"`: the fields given their
 * column by name, typed by how the column arrives (the connector's settings, `capturedColumnType`). A column that
 * can be NULL fills a required field only with what its NULL means after `?` (a number, `true`/`false`, a quoted
 * text; a decimal for money). A money field takes a `numeric` column the connector sends as text, in minor units.
 */
export function explicitMapping(
  table: CapturedTable,
  fields: Field[],
  spec: string,
  holder: string,
  currency: string,
): Mapped[] {
  const mapped: Mapped[] = [];
  for (const entry of spec.split(/[\s,]+/).filter(Boolean)) {
    const [, name, columnName, whenNull = null] = ENTRY.exec(entry) ?? [];
    if (!name)
      throw new GeneratorInputError(`--columns ${entry}: write field=COLUMN, or field=COLUMN?<what NULL means>`);
    const field = fields.find((f) => f.name === name);
    if (!field)
      throw new GeneratorInputError(
        `--columns ${entry}: ${holder} has no field ${name} (${fields.map((f) => f.name).join(', ')})`,
      );
    const column = table.columns.find((c) => c.name === columnName);
    if (!column)
      throw new GeneratorInputError(
        `--columns ${entry}: ${table.table} has no captured column ${columnName} (${table.columns.map((c) => c.name).join(', ')})`,
      );
    if (mapped.some((m) => m.field === name || m.column === columnName))
      throw new GeneratorInputError(`--columns ${entry}: ${name} or ${columnName} is mapped twice`);
    const tsType = heldAs(field, column, entry);
    if (whenNull !== null && !column.nullable)
      throw new GeneratorInputError(`--columns ${entry}: ${columnName} is never NULL, drop ?${whenNull}`);
    if (whenNull !== null && !LITERAL[tsType].test(whenNull))
      throw new GeneratorInputError(
        `--columns ${entry}: what NULL means must be a ${tsType === 'money' ? 'decimal' : tsType} literal`,
      );
    if (column.nullable && whenNull === null && !field.optional)
      throw new GeneratorInputError(
        `--columns ${entry}: ${holder}.${name} is required and ${columnName} can be NULL: say what NULL means (${name}=${columnName}?<value>) or make ${name} optional`,
      );
    mapped.push({
      field: name,
      column: columnName,
      tsType,
      nullable: column.nullable && whenNull === null,
      whenNull,
      currency,
    });
  }
  return mapped;
}

function heldAs(field: Field, column: CapturedColumn, entry: string): Mapped['tsType'] {
  if (field.type === 'money') {
    if (/^(numeric|decimal)\b/i.test(column.sqlType) && column.arrives.includes('as text')) return 'money';
    throw new GeneratorInputError(
      `--columns ${entry}: a money field comes from a numeric column sent as text (decimal.handling.mode=string); ${column.name} is \`${column.sqlType}\`, ${column.arrives}`,
    );
  }
  if (FIELD_TS[field.type] === column.tsType) return column.tsType;
  throw new GeneratorInputError(
    `--columns ${entry}: ${field.name} (${field.type}) cannot come from ${column.name} (\`${column.sqlType}\`, ${column.arrives})`,
  );
}

/** The translator's expression for a field (`row.QTE_RESERVEE ?? 0`, `capturedMoney('PRIX', row.PRIX, 'EUR')`). */
export function translation(m: Mapped): string {
  if (!m.column) return 'null';
  const value = m.whenNull === null ? `row.${m.column}` : `row.${m.column} ?? ${m.whenNull}`;
  if (m.tsType !== 'money') return value;
  const money = (text: string) => `capturedMoney('${m.column}', ${text}, '${m.currency}')`;
  if (m.whenNull !== null) return money(`row.${m.column} ?? '${m.whenNull}'`);
  return m.nullable ? `row.${m.column} === null ? null : ${money(`row.${m.column}`)}` : money(`row.${m.column}`);
}

/** The field's type in the ACL's image (money as its JSON) and in the context's command (the domain's Money). */
export const aclType = (m: Mapped) =>
  !m.column ? 'null' : `${m.tsType === 'money' ? 'MoneyJson' : m.tsType}${m.nullable ? ' | null' : ''}`;
export const commandType = (m: Mapped) =>
  `${m.tsType === 'money' ? 'Money' : m.tsType}${m.nullable || !m.column ? ' | null' : ''}`;

/** The exact minor units of a decimal literal (`'0'`, `'12.5'`), for the specs. */
export const minorUnits = (decimal: string) => {
  const [whole, fraction = ''] = decimal.replace('-', '').split('.');
  const minor = Number(`${whole}${fraction.padEnd(2, '0')}`);
  return decimal.startsWith('-') && minor !== 0 ? -minor : minor;
};
