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
  /** An enum field's value for each legacy code (`--columns status=STATUT{A:AUTHORIZED,C:CAPTURED}`). */
  codes?: Record<string, string>;
  /** The legacy table whose row the column names: the field is that row's aggregate id (`orderId=NO_COMMANDE@COMMANDES`). */
  references?: string;
}

export const FIELD_TS: Partial<Record<Field['type'], CapturedColumn['tsType']>> = {
  string: 'string',
  text: 'string',
  uuid: 'string',
  int: 'number',
  boolean: 'boolean',
};

const ENTRY = /^([a-z][A-Za-z0-9]*)=([A-Z][A-Z0-9_]*)(?:@([A-Z][A-Z0-9_]*)|\{([^}]*)\})?(?:\?(.*))?$/;
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
  // Entries are separated by spaces or commas outside an enum's codes ({A:AUTHORIZED,C:CAPTURED}).
  for (const entry of spec.split(/[\s,]+(?![^{]*\})/).filter(Boolean)) {
    const [, name, columnName, references, codeList, whenNull = null] = ENTRY.exec(entry) ?? [];
    if (!name)
      throw new GeneratorInputError(
        `--columns ${entry}: write field=COLUMN, field=COLUMN{CODE:VALUE,...} (an enum), field=COLUMN@TABLE (the id of the row it names), each with ?<what NULL means> if need be`,
      );
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
    const codes = codeList === undefined ? undefined : enumCodes(field, column, codeList, entry);
    if (references !== undefined) referenced(field, column, references, entry);
    const tsType = codes || references ? 'string' : heldAs(field, column, entry);
    if (whenNull !== null && !column.nullable)
      throw new GeneratorInputError(`--columns ${entry}: ${columnName} is never NULL, drop ?${whenNull}`);
    if (whenNull !== null && codes && !Object.hasOwn(codes, whenNull))
      throw new GeneratorInputError(
        `--columns ${entry}: what NULL means must be one of the codes (${Object.keys(codes).join(', ')})`,
      );
    if (whenNull !== null && references)
      throw new GeneratorInputError(`--columns ${entry}: a row named by NULL has no id; make ${name} optional`);
    if (whenNull !== null && !codes && !LITERAL[tsType].test(whenNull))
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
      ...(codes ? { codes } : {}),
      ...(references ? { references } : {}),
    });
  }
  return mapped;
}

/** `{A:AUTHORIZED,C:CAPTURED}`: the enum's value for each code of a text column, each value one of the enum's. */
function enumCodes(field: Field, column: CapturedColumn, list: string, entry: string): Record<string, string> {
  if (field.type !== 'enum' || column.tsType !== 'string')
    throw new GeneratorInputError(
      `--columns ${entry}: codes map a text column (${column.name} is \`${column.sqlType}\`) into an enum field (${field.name} is ${field.type})`,
    );
  const codes: Record<string, string> = {};
  for (const pair of list.split(',').map((p) => p.trim())) {
    const [, code, value] = CODE.exec(pair) ?? [];
    if (!code || !field.values.includes(value) || Object.hasOwn(codes, code))
      throw new GeneratorInputError(
        `--columns ${entry}: "${pair}" is not CODE:VALUE with a code given once and a value of ${field.name} (${field.values.join(', ')})`,
      );
    codes[code] = value;
  }
  return codes;
}

/** `orderId=NO_COMMANDE@COMMANDES`: a text field holding the id the named legacy row's aggregate has. */
function referenced(field: Field, column: CapturedColumn, table: string, entry: string): void {
  if (FIELD_TS[field.type] !== 'string')
    throw new GeneratorInputError(`--columns ${entry}: an aggregate id fills a text or uuid field, not ${field.type}`);
  if (column.references && column.references !== table)
    throw new GeneratorInputError(`--columns ${entry}: ${column.name} references ${column.references}, not ${table}`);
}

function heldAs(field: Field, column: CapturedColumn, entry: string): Mapped['tsType'] {
  if (field.type === 'money') {
    if (/^(numeric|decimal)\b/i.test(column.sqlType) && column.arrives.includes('as text')) return 'money';
    throw new GeneratorInputError(
      `--columns ${entry}: a money field comes from a numeric column sent as text (decimal.handling.mode=string); ${column.name} is \`${column.sqlType}\`, ${column.arrives}`,
    );
  }
  if (FIELD_TS[field.type] === column.tsType) return column.tsType;
  if (field.type === 'enum')
    throw new GeneratorInputError(
      `--columns ${entry}: ${field.name} (enum) comes from codes: ${field.name}=${column.name}{CODE:VALUE,...} (${field.values.join(', ')})`,
    );
  throw new GeneratorInputError(
    `--columns ${entry}: ${field.name} (${field.type}) cannot come from ${column.name} (\`${column.sqlType}\`, ${column.arrives})`,
  );
}

/** The translator's expression for a field (`row.QTE_RESERVEE ?? 0`, `capturedMoney('PRIX', row.PRIX, 'EUR')`). */
export function translation(m: Mapped): string {
  if (!m.column) return 'null';
  const orNull = (value: string) => (m.nullable ? `row.${m.column} === null ? null : ${value}` : value);
  if (m.references) return orNull(`aggregateIdOfLegacy('${m.references}', row.${m.column})`);
  if (m.codes) {
    const codes = `{ ${Object.entries(m.codes)
      .map(([code, value]) => `${/^[A-Za-z_]\w*$/.test(code) ? code : `'${code}'`}: '${value}'`)
      .join(', ')} } as const`;
    if (m.whenNull !== null) return `capturedCode('${m.column}', row.${m.column} ?? '${m.whenNull}', ${codes})`;
    return orNull(`capturedCode('${m.column}', row.${m.column}, ${codes})`);
  }
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

/** An enum field's values as a union of literals (the domain's enum type, structurally); otherwise the type it arrives as. */
const valueType = (m: Mapped) =>
  m.codes
    ? [...new Set(Object.values(m.codes))].map((value) => `'${value}'`).join(' | ')
    : m.tsType === 'money'
      ? 'MoneyJson'
      : m.tsType;

/** What the ACL file imports for its translations: the readers of codes and the legacy key of a referenced row. */
export function translationImports(mapped: Mapped[]): string {
  return [
    mapped.some((m) => m.codes) ? "import { capturedCode } from '../debezium/debezium-code';\n" : '',
    mapped.some((m) => m.references) ? "import { aggregateIdOfLegacy } from '../clients/legacy-client-key';\n" : '',
  ].join('');
}

/** The exact minor units of a decimal literal (`'0'`, `'12.5'`), for the specs. */
export const minorUnits = (decimal: string) => {
  const [whole, fraction = ''] = decimal.replace('-', '').split('.');
  const minor = Number(`${whole}${fraction.padEnd(2, '0')}`);
  return decimal.startsWith('-') && minor !== 0 ? -minor : minor;
};
