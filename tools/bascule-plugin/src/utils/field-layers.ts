import { Field, INT32_MAX, INT32_MIN, IntRange } from './fields';

/** `2147483647` → `2_147_483_647`, as the generated code writes its numbers. */
const intLiteral = (value: number): string => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '_');

/** 42 (+ variant), moved inside the bounds when they exclude it; one of the values when they are listed. */
const intSample = (range: IntRange | undefined, variant: number, allowed?: number[]): number => {
  if (allowed) return allowed[variant % allowed.length];
  const value = 42 + variant;
  if (range?.max !== undefined && value > range.max) return Math.max(range.max - variant, range.min ?? INT32_MIN);
  if (range?.min !== undefined && value < range.min) return Math.min(range.min + variant, range.max ?? INT32_MAX);
  return value;
};

/**
 * What one field is in each layer the generators write, as TypeScript, proto and SQL snippets. Three shapes of a
 * value: the domain's (`Money`, `Date` for a timestamp, the enum's union), the plain one of bodies, views and event
 * payloads (`MoneyJson`, ISO strings), and the row's (money as two columns). Optional means `null` in the domain,
 * the row, the view and the events, and an absent property in a request.
 */
/**
 * MoneySchema's rules without its `$id`: Ajv refuses a schema holding one `$id` twice (two money fields, or one
 * optional), so a schema with money fields reuses its properties under a local name (`moneyRules`).
 */
export const MONEY_RULES = 'moneyRules';
export const MONEY_RULES_DECLARATION = `const ${MONEY_RULES} = Type.Object(MoneySchema.properties, { additionalProperties: false });`;

export function fieldLayers(Aggregate: string, AGGREGATE: string) {
  const enumType = (f: Field) => `${Aggregate}${f.Name}`;
  /** The MoneyColumns of a money field, declared in the table file. */
  const moneyColumns = (f: Field) => `${f.name}Columns`;
  const enumValuesConst = (f: Field) => `${AGGREGATE}_${f.column.toUpperCase()}_VALUES`;
  const orNull = (f: Field, type: string) => (f.optional ? `${type} | null` : type);
  /** `expr` when the value is there, `null` when an optional one is not. */
  const unlessNull = (f: Field, expr: string, convert: string) =>
    f.optional && convert !== expr ? `${expr} === null ? null : ${convert}` : convert;

  const domainType = (f: Field): string =>
    orNull(
      f,
      {
        string: 'string',
        text: 'string',
        int: 'number',
        boolean: 'boolean',
        uuid: 'string',
        date: 'string',
        timestamp: 'Date',
        money: 'Money',
        enum: enumType(f),
      }[f.type],
    );

  const plainType = (f: Field, { nullable = true } = {}): string => {
    const type =
      f.type === 'money' ? 'MoneyJson' : f.type === 'timestamp' ? 'string' : domainType({ ...f, optional: false });
    return nullable ? orNull(f, type) : type;
  };

  /** The TypeBox rule of a request's field (a body, a gRPC request). */
  const requestSchema = (f: Field): string =>
    ({
      string: `Type.String({ minLength: 1, maxLength: 200 })`,
      text: `Type.String({ maxLength: 10_000 })`,
      int: f.allowed
        ? `Type.Union([${f.allowed.map((v) => `Type.Literal(${v})`).join(', ')}])`
        : `Type.Integer({ minimum: ${intLiteral(f.range?.min ?? INT32_MIN)}, maximum: ${intLiteral(f.range?.max ?? INT32_MAX)} })`,
      boolean: `Type.Boolean()`,
      uuid: `Type.String({ format: 'uuid' })`,
      date: `Type.String({ format: 'date' })`,
      timestamp: `Type.String({ format: 'date-time' })`,
      money: MONEY_RULES,
      enum: `Type.Union([${f.values.map((v) => `Type.Literal('${v}')`).join(', ')}])`,
    })[f.type];

  /** The TypeBox type of a view's or an event's field (what was accepted, so no length rules). */
  const answerSchema = (f: Field): string => {
    const type =
      f.type === 'string' || f.type === 'text'
        ? 'Type.String()'
        : f.type === 'int' && !f.allowed
          ? 'Type.Integer()'
          : requestSchema(f);
    return f.optional ? `Type.Union([${type}, Type.Null()])` : type;
  };

  const protoType = (f: Field): string =>
    ({
      string: 'string',
      text: 'string',
      int: 'int32',
      boolean: 'bool',
      uuid: 'string',
      date: 'string',
      timestamp: 'string',
      money: 'bascule.shared.v1.Money',
      enum: 'string',
    })[f.type];

  const protoField = (f: Field, number: number) =>
    `${f.optional ? 'optional ' : ''}${protoType(f)} ${f.column} = ${number};`;

  const sqlType = (f: Field): string =>
    ({
      string: 'text',
      text: 'text',
      int: 'integer',
      boolean: 'boolean',
      uuid: 'uuid',
      date: 'date',
      timestamp: 'timestamptz',
      money: '',
      enum: 'text',
    })[f.type];

  /** `[column, SQL type]` pairs: the table's columns and the store's array casts. */
  const columns = (f: Field): [string, string][] =>
    f.type === 'money'
      ? [
          [`${f.column}_amount`, 'bigint'],
          [`${f.column}_currency`, 'char(3)'],
        ]
      : [[f.column, sqlType(f)]];

  /** The migration's column lines (money as MoneyColumns.ddl writes it: both columns set, or neither). */
  const columnDefinitions = (f: Field): string[] => {
    const notNull = f.optional ? '' : ' NOT NULL';
    if (f.type === 'money')
      return [
        `${f.column}_amount bigint${notNull}`,
        `${f.column}_currency char(3)${notNull} CHECK (${f.column}_currency ~ '^[A-Z]{3}$')`,
        ...(f.optional
          ? [`CONSTRAINT ${f.column}_money_whole CHECK ((${f.column}_amount IS NULL) = (${f.column}_currency IS NULL))`]
          : []),
      ];
    const check =
      f.type === 'enum'
        ? ` CHECK (${f.column} IN (${f.values.map((v) => `'${v}'`).join(', ')}))`
        : f.allowed
          ? ` CHECK (${f.column} IN (${f.allowed.join(', ')}))`
          : f.range
            ? ` CHECK (${[
                ...(f.range.min !== undefined ? [`${f.column} >= ${f.range.min}`] : []),
                ...(f.range.max !== undefined ? [`${f.column} <= ${f.range.max}`] : []),
              ].join(' AND ')})`
            : '';
    return columns(f).map(([column, type]) => `${column} ${type}${notNull}${check}`);
  };

  /** `[column, TypeScript type]` of the written row: bigint comes back as a string, date as a Date. */
  const rowTypes = (f: Field): [string, string][] => {
    const nullable = (type: string) => orNull(f, type);
    if (f.type === 'money')
      return [
        [`${f.column}_amount`, 'number | string | null'],
        [`${f.column}_currency`, 'string | null'],
      ];
    const type =
      f.type === 'date' ? 'string | Date' : f.type === 'enum' ? 'string' : domainType({ ...f, optional: false });
    return [[f.column, nullable(type)]];
  };

  /** A plain value (request, fixture) → the domain's; an optional one absent is null. */
  const toDomain = (f: Field, expr: string): string => {
    const convert =
      f.type === 'money' ? `Money.fromJSON(${expr})` : f.type === 'timestamp' ? `new Date(${expr})` : undefined;
    if (!convert) return f.optional ? `${expr} ?? null` : expr;
    return f.optional ? `${expr} === undefined ? null : ${convert}` : convert;
  };

  /** The domain's value → the plain one (events, views built from the aggregate). */
  const toPlain = (f: Field, expr: string): string => {
    if (f.type === 'money') return unlessNull(f, expr, `${expr}.toJSON()`);
    if (f.type === 'timestamp') return unlessNull(f, expr, `${expr}.toISOString()`);
    return expr;
  };

  /** The domain's value → `[column, expression]` of the row (money: `['', ...spread]`, both its columns). */
  const toRow = (f: Field, expr: string): [string, string][] =>
    f.type === 'money' ? [['', `...${moneyColumns(f)}.toRow(${expr})`]] : [[f.column, expr]];

  /** A row (`row`) → the domain's value. */
  const fromRow = (f: Field, row: string): string => {
    const column = `${row}.${f.column}`;
    if (f.type === 'money') return `${moneyColumns(f)}.${f.optional ? 'optionalFromRow' : 'fromRow'}(${row})`;
    if (f.type === 'date') return unlessNull(f, column, `localDate(${column})`);
    if (f.type === 'enum') return f.optional ? `${column} as ${enumType(f)} | null` : `${column} as ${enumType(f)}`;
    return column;
  };

  /** A row → the plain value of the view. */
  const rowToPlain = (f: Field, row: string): string => {
    const column = `${row}.${f.column}`;
    if (f.type === 'money')
      return f.optional
        ? `${moneyColumns(f)}.optionalFromRow(${row})?.toJSON() ?? null`
        : `${moneyColumns(f)}.fromRow(${row}).toJSON()`;
    if (f.type === 'timestamp') return unlessNull(f, column, `${column}.toISOString()`);
    return fromRow(f, row);
  };

  /** A plain sample value, for fixtures; `variant` picks another one. */
  const sample = (f: Field, variant = 0): string =>
    ({
      string: `'${['First', 'Second', 'Third'][variant % 3]} ${f.name}'`,
      text: `'Some ${f.name} text'`,
      int: String(intSample(f.range, variant, f.allowed)),
      boolean: variant % 2 ? 'false' : 'true',
      uuid: `'5b0f5e4e-8c1d-4a3b-9e2f-${String(variant).padStart(12, '0')}'`,
      date: `'2026-03-0${(variant % 9) + 1}'`,
      timestamp: `'2026-03-01T10:00:0${variant % 10}.000Z'`,
      money: `{ amount: ${1250 + variant}, currency: 'EUR' }`,
      enum: `'${f.values[variant % f.values.length]}'`,
    })[f.type];

  return {
    enumType,
    moneyColumns,
    enumValuesConst,
    domainType,
    plainType,
    requestSchema,
    answerSchema,
    protoField,
    columns,
    columnDefinitions,
    rowTypes,
    toDomain,
    toPlain,
    toRow,
    fromRow,
    rowToPlain,
    sample,
  };
}

export type FieldLayers = ReturnType<typeof fieldLayers>;
