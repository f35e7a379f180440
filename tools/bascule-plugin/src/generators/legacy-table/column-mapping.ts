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
  /**
   * How the value is read: as it arrives; the id of the aggregate its legacy key became (`orderId=NO_COMMANDE`, a
   * column referencing `COMMANDES`, or `orderId=NO_COMMANDE@COMMANDES`); an integer's digits as text; a legacy
   * `DD/MM/YYYY` date as ISO; a legacy code as an enum value (`status=STATUT{A:AUTHORIZED,C:CAPTURED}`); an amount
   * times an integer column (`lineTotal=PRIX_UNITAIRE*QUANTITE`).
   */
  read?:
    | { kind: 'key-of'; table: string }
    | { kind: 'digits' }
    | { kind: 'legacy-date' }
    | { kind: 'codes'; codes: Record<string, string> }
    | { kind: 'times'; units: string };
  /** `field=COLUMN!`: a NULL in the column makes the row corrupt (the model cannot do without it). */
  required?: boolean;
  /** `field:=<literal>`: a field legacy does not hold, set to this when the aggregate is created from its row. */
  constant?: string;
}

export const FIELD_TS: Partial<Record<Field['type'], CapturedColumn['tsType']>> = {
  string: 'string',
  text: 'string',
  uuid: 'string',
  int: 'number',
  boolean: 'boolean',
};

const ENTRY =
  /^([a-z][A-Za-z0-9]*)=([A-Z][A-Z0-9_]*)(?:\{([^}]*)\}|@([A-Z][A-Z0-9_]*)|\*([A-Z][A-Z0-9_]*))?(?:\?(.*)|(!))?$/;
const CODE = /^([A-Za-z0-9]+):([A-Z][A-Z0-9_]*)$/;
const CONSTANT = /^([a-z][A-Za-z0-9]*):=(.+)$/;
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
    const constant = CONSTANT.exec(entry);
    if (constant) {
      mapped.push(constantField(fields, constant[1], constant[2], entry, holder, currency));
      continue;
    }
    const [, name, columnName, codeList, references, unitsName, whenNull = null, corrupt] = ENTRY.exec(entry) ?? [];
    if (!name)
      throw new GeneratorInputError(
        `--columns ${entry}: write field=COLUMN, field=COLUMN{CODE:VALUE,...} (an enum), field=COLUMN@TABLE (the id of the row it names), field=COLUMN*COLUMN (an amount times a quantity), each with ?<what NULL means> or ! (NULL: the row is corrupt) if need be; or field:=<value at creation>`,
      );
    const field = fieldOf(fields, name, entry, holder);
    const column = columnOf(table, columnName, entry);
    const product = unitsName !== undefined || mapped.some((m) => m.column === columnName && m.read?.kind === 'times');
    if (mapped.some((m) => m.field === name || (m.column === columnName && !product)))
      throw new GeneratorInputError(`--columns ${entry}: ${name} or ${columnName} is mapped twice`);
    const { tsType, read } =
      codeList !== undefined
        ? {
            tsType: 'string' as const,
            read: { kind: 'codes' as const, codes: enumCodes(field, column, codeList, entry) },
          }
        : references !== undefined
          ? { tsType: 'string' as const, read: referenced(field, column, references, entry) }
          : unitsName !== undefined
            ? { tsType: 'money' as const, read: timesOf(table, field, column, unitsName, entry) }
            : heldAs(field, column, entry);
    if (whenNull !== null && read?.kind === 'key-of')
      throw new GeneratorInputError(`--columns ${entry}: a row named by NULL has no id; make ${name} optional`);
    if (whenNull !== null && read?.kind === 'codes' && !Object.hasOwn(read.codes, whenNull))
      throw new GeneratorInputError(
        `--columns ${entry}: what NULL means must be one of the codes (${Object.keys(read.codes).join(', ')})`,
      );
    if (corrupt && !column.nullable)
      throw new GeneratorInputError(`--columns ${entry}: ${columnName} is never NULL, drop the !`);
    if (whenNull !== null && !column.nullable)
      throw new GeneratorInputError(`--columns ${entry}: ${columnName} is never NULL, drop ?${whenNull}`);
    if (whenNull !== null && read?.kind !== 'codes' && !LITERAL[tsType].test(whenNull))
      throw new GeneratorInputError(
        `--columns ${entry}: what NULL means must be a ${tsType === 'money' ? 'decimal' : tsType} literal`,
      );
    if (column.nullable && whenNull === null && !corrupt && !field.optional)
      throw new GeneratorInputError(
        `--columns ${entry}: ${holder}.${name} is required and ${columnName} can be NULL: say what NULL means (${name}=${columnName}?<value>), that it makes the row corrupt (${name}=${columnName}!) or make ${name} optional`,
      );
    mapped.push({
      field: name,
      column: columnName,
      tsType,
      nullable: column.nullable && whenNull === null && !corrupt,
      whenNull,
      currency,
      ...(read ? { read } : {}),
      ...(corrupt ? { required: true } : {}),
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
function referenced(field: Field, column: CapturedColumn, table: string, entry: string): Mapped['read'] {
  if (FIELD_TS[field.type] !== 'string')
    throw new GeneratorInputError(`--columns ${entry}: an aggregate id fills a text or uuid field, not ${field.type}`);
  if (column.references && column.references !== table)
    throw new GeneratorInputError(`--columns ${entry}: ${column.name} references ${column.references}, not ${table}`);
  return { kind: 'key-of', table };
}

/** `PRIX_UNITAIRE*QUANTITE`: a money field from a numeric column times an integer column, neither NULL. */
function timesOf(
  table: CapturedTable,
  field: Field,
  column: CapturedColumn,
  name: string,
  entry: string,
): Mapped['read'] {
  const units = columnOf(table, name, entry);
  heldAs(field, column, entry);
  if (units.tsType !== 'number' || units.nullable || column.nullable)
    throw new GeneratorInputError(
      `--columns ${entry}: a product is a money field from a numeric column times an integer column, neither NULL`,
    );
  return { kind: 'times', units: name };
}

function fieldOf(fields: Field[], name: string, entry: string, holder: string): Field {
  const field = fields.find((f) => f.name === name);
  if (!field)
    throw new GeneratorInputError(
      `--columns ${entry}: ${holder} has no field ${name} (${fields.map((f) => f.name).join(', ')})`,
    );
  return field;
}

/** `status:=ISSUED`, `credited:=0`: what a field legacy does not hold is when the aggregate is created from its row. */
function constantField(fields: Field[], name: string, value: string, entry: string, holder: string, currency: string) {
  const field = fieldOf(fields, name, entry, holder);
  const literal =
    field.type === 'money'
      ? LITERAL.money.test(value) && `Money.of(${minorUnits(value)}, '${currency}')`
      : field.type === 'int'
        ? LITERAL.number.test(value) && value
        : field.type === 'boolean'
          ? LITERAL.boolean.test(value) && value
          : field.type === 'enum'
            ? field.values.includes(value) && `'${value}' as const`
            : `'${value.replace(/^'|'$/g, '').replace(/'/g, "\\'")}'`;
  if (!literal)
    throw new GeneratorInputError(
      `--columns ${entry}: ${value} is not a value of ${holder}.${name} (${field.type === 'enum' ? field.values.join(', ') : field.type})`,
    );
  return {
    field: name,
    column: null,
    tsType: 'string',
    nullable: false,
    whenNull: null,
    currency,
    constant: literal,
  } as Mapped;
}

/**
 * How a field takes its column: as it arrives, money from a decimal sent as text, the aggregate id of the row a key
 * column references, an integer's digits in a text field, a legacy date as ISO.
 */
function heldAs(field: Field, column: CapturedColumn, entry: string): Pick<Mapped, 'tsType' | 'read'> {
  if (field.type === 'money') {
    if (/^(numeric|decimal)\b/i.test(column.sqlType) && column.arrives.includes('as text')) return { tsType: 'money' };
    throw new GeneratorInputError(
      `--columns ${entry}: a money field comes from a numeric column sent as text (decimal.handling.mode=string); ${column.name} is \`${column.sqlType}\`, ${column.arrives}`,
    );
  }
  const text = FIELD_TS[field.type] === 'string';
  if (text && column.references && column.tsType !== 'boolean')
    return { tsType: 'string', read: { kind: 'key-of', table: column.references } };
  if (text && column.legacyDate) return { tsType: 'string', read: { kind: 'legacy-date' } };
  if (text && column.tsType === 'number') return { tsType: 'string', read: { kind: 'digits' } };
  if (FIELD_TS[field.type] === column.tsType) return { tsType: column.tsType };
  if (field.type === 'enum')
    throw new GeneratorInputError(
      `--columns ${entry}: ${field.name} (enum) comes from codes: ${field.name}=${column.name}{CODE:VALUE,...} (${field.values.join(', ')})`,
    );
  throw new GeneratorInputError(
    `--columns ${entry}: ${field.name} (${field.type}) cannot come from ${column.name} (\`${column.sqlType}\`, ${column.arrives})`,
  );
}

/**
 * The translator's expression for a field (`row.QTE_RESERVEE ?? 0`, `capturedMoney('PRIX', row.PRIX, 'EUR')`,
 * `aggregateIdOfLegacy('COMMANDES', row.NO_COMMANDE)`, `capturedLegacyDate('DATE_FACTURE', requiredValue(…))`).
 */
export function translation(m: Mapped): string {
  if (!m.column) return 'null';
  const raw = `row.${m.column}`;
  const convert = converter(m);
  if (m.required) return convert(`requiredValue('${m.column}', ${raw})`);
  const quoted = m.tsType === 'money' || m.read?.kind === 'codes';
  if (m.whenNull !== null) return convert(`${raw} ?? ${quoted ? `'${m.whenNull}'` : m.whenNull}`);
  return m.nullable && convert(raw) !== raw ? `${raw} === null ? null : ${convert(raw)}` : convert(raw);
}

function converter(m: Mapped): (value: string) => string {
  const read = m.read;
  if (read?.kind === 'times')
    return (value) => `capturedMoneyTimes(capturedMoney('${m.column}', ${value}, '${m.currency}'), row.${read.units})`;
  if (m.tsType === 'money') return (value) => `capturedMoney('${m.column}', ${value}, '${m.currency}')`;
  if (read?.kind === 'key-of') return (value) => `aggregateIdOfLegacy('${read.table}', ${value})`;
  if (read?.kind === 'digits') return (value) => `String(${value})`;
  if (read?.kind === 'legacy-date') return (value) => `capturedLegacyDate('${m.column}', ${value})`;
  if (read?.kind === 'codes') {
    const codes = Object.entries(read.codes)
      .map(([code, value]) => `${/^[A-Za-z_]\w*$/.test(code) ? code : `'${code}'`}: '${value}'`)
      .join(', ');
    return (value) => `capturedCode('${m.column}', ${value}, { ${codes} } as const)`;
  }
  return (value) => value;
}

/** What the ACL's translator imports for the fields it translates. */
export function translationImports(mapped: Mapped[]): string {
  const reads = new Set(mapped.filter((m) => m.column).flatMap((m) => [m.tsType === 'money' && 'money', m.read?.kind]));
  const values = [
    ...(reads.has('legacy-date') ? ['capturedLegacyDate'] : []),
    ...(mapped.some((m) => m.column && m.required) ? ['requiredValue'] : []),
  ];
  return [
    reads.has('money')
      ? `import { MoneyJson } from '@bascule/shared/contracts';\nimport { capturedMoney${reads.has('times') ? ', capturedMoneyTimes' : ''} } from '../debezium/debezium-decimal';\n`
      : '',
    reads.has('codes') ? "import { capturedCode } from '../debezium/debezium-code';\n" : '',
    reads.has('key-of') ? "import { aggregateIdOfLegacy } from '../clients/legacy-client-key';\n" : '',
    values.length ? `import { ${values.join(', ')} } from '../debezium/captured-value';\n` : '',
  ].join('');
}

/** The field's type in the ACL's image (money as its JSON) and in the context's command (the domain's Money). */
export const aclType = (m: Mapped) =>
  !m.column ? 'null' : `${m.tsType === 'money' ? 'MoneyJson' : valueType(m)}${m.nullable ? ' | null' : ''}`;
export const commandType = (m: Mapped) =>
  `${m.tsType === 'money' ? 'Money' : valueType(m)}${m.nullable || !m.column ? ' | null' : ''}`;

/** An enum field's values as a union of literals (the domain's enum type, structurally); otherwise as it is held. */
const valueType = (m: Mapped) =>
  m.read?.kind === 'codes'
    ? [...new Set(Object.values(m.read.codes))].map((value) => `'${value}'`).join(' | ')
    : m.read
      ? 'string'
      : m.tsType;

/** The exact minor units of a decimal literal (`'0'`, `'12.5'`), for the specs. */
export const minorUnits = (decimal: string) => {
  const [whole, fraction = ''] = decimal.replace('-', '').split('.');
  const minor = Number(`${whole}${fraction.padEnd(2, '0')}`);
  return decimal.startsWith('-') && minor !== 0 ? -minor : minor;
};
