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
  /** An enum field's value for each legacy code (`status=STATUT(E:PENDING,V:CONFIRMED)`); null: taken as it comes. */
  codes?: Record<string, string> | null;
  /** A uuid field from a column referencing a captured table: the id of the aggregate that table's row becomes. */
  references?: string | null;
  /** A money field that is its column's amount times this integer column (`lineTotal=PRIX_UNITAIRE*QUANTITE`). */
  times?: string | null;
}

export const FIELD_TS: Partial<Record<Field['type'], CapturedColumn['tsType']>> = {
  string: 'string',
  text: 'string',
  uuid: 'string',
  int: 'number',
  boolean: 'boolean',
};

const ENTRY = /^([a-z][A-Za-z0-9]*)=([A-Z][A-Z0-9_]*)(?:\(([^)]*)\)|\*([A-Z][A-Z0-9_]*))?(?:\?(.*))?$/;
const CODE = /^([A-Za-z0-9]+):([A-Z][A-Z0-9_]*)$/;
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
 * text; a decimal for money). A money field takes a `numeric` column the connector sends as text, in minor units,
 * or such a column times an integer one (`lineTotal=PRIX_UNITAIRE*QUANTITE`). An enum field takes a code column
 * with each code's value (`status=STATUT(E:PENDING,V:CONFIRMED)`); a uuid (string) field an integer column referencing
 * a captured table (`clientId=NO_CLIENT`, REFERENCES "CLIENTS"): the id of the aggregate that row becomes (ADR 0046).
 */
export function explicitMapping(
  table: CapturedTable,
  fields: Field[],
  spec: string,
  holder: string,
  currency: string,
): Mapped[] {
  const mapped: Mapped[] = [];
  for (const entry of spec.split(/[\s,]+(?![^(]*\))/).filter(Boolean)) {
    const [, name, columnName, codeList = null, timesName = null, whenNull = null] = ENTRY.exec(entry) ?? [];
    if (!name)
      throw new GeneratorInputError(
        `--columns ${entry}: write field=COLUMN, field=COLUMN(CODE:VALUE,...), field=COLUMN*COLUMN, then ?<what NULL means> if needed`,
      );
    const field = fields.find((f) => f.name === name);
    if (!field)
      throw new GeneratorInputError(
        `--columns ${entry}: ${holder} has no field ${name} (${fields.map((f) => f.name).join(', ')})`,
      );
    const column = columnOf(table, columnName, entry);
    const product = timesName !== null || mapped.some((m) => m.column === columnName && m.times);
    if (mapped.some((m) => m.field === name || (m.column === columnName && !product)))
      throw new GeneratorInputError(`--columns ${entry}: ${name} or ${columnName} is mapped twice`);
    const codes = codeList === null ? null : codesOf(field, column, codeList, entry);
    const times = timesName === null ? null : timesOf(table, field, column, timesName, entry);
    // A string field (a uuid reads back as one) from an integer key referencing another legacy table: that row's id.
    const references =
      FIELD_TS[field.type] === 'string' && column.references && column.tsType === 'number' ? column.references : null;
    const tsType = codes || references ? 'string' : heldAs(field, column, entry);
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
      codes,
      references,
      times,
    });
  }
  return mapped;
}

function columnOf(table: CapturedTable, name: string, entry: string): CapturedColumn {
  const column = table.columns.find((c) => c.name === name);
  if (!column)
    throw new GeneratorInputError(
      `--columns ${entry}: ${table.table} has no captured column ${name} (${table.columns.map((c) => c.name).join(', ')})`,
    );
  return column;
}

/** `STATUT(E:PENDING,V:CONFIRMED)`: each legacy code of a text column and the enum value it means. */
function codesOf(field: Field, column: CapturedColumn, list: string, entry: string): Record<string, string> {
  if (field.type !== 'enum' || column.tsType !== 'string')
    throw new GeneratorInputError(`--columns ${entry}: codes map a text column into an enum field`);
  const codes: Record<string, string> = {};
  for (const pair of list.split(/[\s,]+/).filter(Boolean)) {
    const [, code, value] = CODE.exec(pair) ?? [];
    if (!code || !field.values.includes(value) || code in codes)
      throw new GeneratorInputError(
        `--columns ${entry}: ${pair} is not CODE:VALUE once per code, the value one of ${field.values.join(', ')}`,
      );
    codes[code] = value;
  }
  return codes;
}

/** `PRIX_UNITAIRE*QUANTITE`: a money field from a numeric column times an integer column, never NULL. */
function timesOf(table: CapturedTable, field: Field, column: CapturedColumn, name: string, entry: string): string {
  const units = columnOf(table, name, entry);
  if (field.type !== 'money' || units.tsType !== 'number' || units.nullable || column.nullable)
    throw new GeneratorInputError(
      `--columns ${entry}: a product is a money field from a numeric column times an integer column, neither NULL`,
    );
  return name;
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
  if (m.codes) {
    const codes = Object.entries(m.codes).map(([code, value]) => `${code}: '${value}'`);
    const read = m.whenNull === null ? `row.${m.column}` : `row.${m.column} ?? ''`;
    return `capturedCode('${m.column}', ${read}, { ${codes.join(', ')}${m.whenNull === null ? '' : `, '': ${m.whenNull}`} } as const)`;
  }
  if (m.references) {
    const key = `aggregateIdOfLegacy('${m.references}', row.${m.column})`;
    return m.nullable ? `row.${m.column} === null ? null : ${key}` : key;
  }
  if (m.times)
    return `capturedMoneyTimes(capturedMoney('${m.column}', row.${m.column}, '${m.currency}'), row.${m.times})`;
  const value = m.whenNull === null ? `row.${m.column}` : `row.${m.column} ?? ${m.whenNull}`;
  if (m.tsType !== 'money') return value;
  const money = (text: string) => `capturedMoney('${m.column}', ${text}, '${m.currency}')`;
  if (m.whenNull !== null) return money(`row.${m.column} ?? '${m.whenNull}'`);
  return m.nullable ? `row.${m.column} === null ? null : ${money(`row.${m.column}`)}` : money(`row.${m.column}`);
}

/** The field's type in the ACL's image (money as its JSON) and in the context's command (the domain's Money). */
export const aclType = (m: Mapped) =>
  !m.column ? 'null' : `${m.tsType === 'money' ? 'MoneyJson' : valueType(m)}${m.nullable ? ' | null' : ''}`;
export const commandType = (m: Mapped) =>
  `${m.tsType === 'money' ? 'Money' : valueType(m)}${m.nullable || !m.column ? ' | null' : ''}`;
/** An enum's values as a union (`'PENDING' | 'CONFIRMED'`), any other field as it is held. */
const valueType = (m: Mapped) =>
  m.codes ? [...new Set(Object.values(m.codes))].map((value) => `'${value}'`).join(' | ') : m.tsType;

/** The exact minor units of a decimal literal (`'0'`, `'12.5'`), for the specs. */
export const minorUnits = (decimal: string) => {
  const [whole, fraction = ''] = decimal.replace('-', '').split('.');
  const minor = Number(`${whole}${fraction.padEnd(2, '0')}`);
  return decimal.startsWith('-') && minor !== 0 ? -minor : minor;
};
