import { names } from '@nx/devkit';
import { GeneratorInputError } from './context-names';

export const FIELD_TYPES = ['string', 'text', 'int', 'boolean', 'uuid', 'date', 'timestamp', 'money', 'enum'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One `--fields` entry: `total:money`, `note:text?`, `status:enum(DRAFT,PLACED)`. */
export interface Field {
  /** camelCase: the property in the domain, TypeBox, events and views. */
  name: string;
  /** PascalCase: in type names (`OrderStatus`). */
  Name: string;
  /** snake_case: the proto field and the column (money: `<column>_amount`, `<column>_currency`). */
  column: string;
  type: FieldType;
  optional: boolean;
  /** An enum's values, in the order given. */
  values: string[];
  /** An int's bounds, when given (`int(0..)`, `int(1..10000)`): either may be absent. */
  range?: IntRange;
  /** An int's only values, when listed (`int(2000|1000|550|210)`: VAT rates in basis points), in the order given. */
  allowed?: number[];
}

export interface IntRange {
  min?: number;
  max?: number;
}

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

/** Names the generated code uses itself: a field by that name would clash with the id, the version or the timestamps. */
const RESERVED = new Set(['id', 'version', 'createdAt', 'updatedAt', 'expectedVersion', 'type', 'aggregateId']);
const FIELD_NAME = /^[a-z][a-zA-Z0-9]*$/;
const ENUM_VALUE = /^[A-Z][A-Z0-9_]*$/;
const ENTRY = /^([^:]+):([a-z]+)(?:\(([^)]*)\))?(\?)?$/;

/**
 * `--fields "total:money status:enum(DRAFT,PLACED) note:text?"` → the fields, in order. Entries are separated by
 * spaces or commas outside parentheses. Refuses an unknown type, a name given twice, a reserved name and an enum
 * without values or with values that are not UPPER_SNAKE.
 */
export function parseFields(spec: string | undefined): Field[] {
  const entries = (spec ?? '').match(/[^\s,(]+(?:\([^)]*\))?\??/g) ?? [];
  const fields = entries.map(parseEntry);
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field.name)) throw new GeneratorInputError(`field "${field.name}" is given twice in --fields`);
    seen.add(field.name);
  }
  return fields;
}

function parseEntry(entry: string): Field {
  const match = ENTRY.exec(entry);
  if (!match)
    throw new GeneratorInputError(
      `"${entry}" is not a field: <name>:<type>[?], the type one of ${FIELD_TYPES.join(', ')} (enum as enum(A,B))`,
    );
  const [, name, type, args, optional] = match;
  if (!FIELD_NAME.test(name))
    throw new GeneratorInputError(`field "${name}": a name in camelCase, starting with a letter (e.g. dueDate)`);
  if (RESERVED.has(name))
    throw new GeneratorInputError(`field "${name}" is reserved by the generated code; choose another name`);
  if (!(FIELD_TYPES as readonly string[]).includes(type))
    throw new GeneratorInputError(`field "${name}": unknown type "${type}"; the types are ${FIELD_TYPES.join(', ')}`);
  if (type !== 'enum' && type !== 'int' && args !== undefined)
    throw new GeneratorInputError(`field "${name}": only enum (values) and int (bounds or values) take parentheses`);
  const values = type === 'enum' ? enumValues(name, args) : [];
  const listed = type === 'int' && args !== undefined && !args.includes('..');
  const range = type === 'int' && args !== undefined && !listed ? intRange(name, args) : undefined;
  const allowed = listed ? intValues(name, args) : undefined;
  const n = names(name);
  return {
    name,
    Name: n.className,
    column: n.fileName.replace(/-/g, '_'),
    type: type as FieldType,
    optional: optional === '?',
    values,
    ...(range ? { range } : {}),
    ...(allowed ? { allowed } : {}),
  };
}

/** `2000|1000|550|210`: at least two 32-bit whole numbers, none twice (one value would be a constant). */
function intValues(name: string, args: string): number[] {
  const texts = args.split('|').map((text) => text.trim());
  if (texts.length < 2)
    throw new GeneratorInputError(
      `field "${name}": an int's bounds are int(MIN..MAX), its values int(A|B|...) (e.g. ${name}:int(0..))`,
    );
  const values = texts.map((text) => {
    const value = Number(text);
    if (!BOUND.test(text) || value < INT32_MIN || value > INT32_MAX)
      throw new GeneratorInputError(`field "${name}": value "${text}" is not a 32-bit whole number`);
    return value;
  });
  const twice = values.find((value, i) => values.indexOf(value) !== i);
  if (twice !== undefined) throw new GeneratorInputError(`field "${name}": value ${twice} is given twice`);
  return values;
}

const BOUND = /^-?\d{1,10}$/;

/** `0..`, `1..10000`, `..100`: whole numbers within 32 bits, at least one given, the lower not above the upper. */
function intRange(name: string, args: string): IntRange {
  const match = /^\s*([^.]*?)\s*\.\.\s*([^.]*?)\s*$/.exec(args);
  const usage = `field "${name}": an int's bounds are int(MIN..MAX), either may be left out (e.g. ${name}:int(0..))`;
  if (!match || (!match[1] && !match[2])) throw new GeneratorInputError(usage);
  const bound = (text: string): number | undefined => {
    if (!text) return undefined;
    const value = Number(text);
    if (!BOUND.test(text) || value < INT32_MIN || value > INT32_MAX)
      throw new GeneratorInputError(`field "${name}": bound "${text}" is not a 32-bit whole number`);
    return value;
  };
  const [min, max] = [bound(match[1]), bound(match[2])];
  if (min !== undefined && max !== undefined && min > max)
    throw new GeneratorInputError(`field "${name}": the lower bound ${min} is above the upper ${max}`);
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

function enumValues(name: string, args: string | undefined): string[] {
  const values = (args ?? '')
    .split(/[,|]/)
    .map((value) => value.trim())
    .filter(Boolean);
  if (values.length === 0)
    throw new GeneratorInputError(`field "${name}": an enum needs its values, e.g. ${name}:enum(DRAFT,PLACED)`);
  const bad = values.find((value) => !ENUM_VALUE.test(value));
  if (bad) throw new GeneratorInputError(`field "${name}": enum value "${bad}" is not UPPER_SNAKE (e.g. ON_HOLD)`);
  const twice = values.find((value, i) => values.indexOf(value) !== i);
  if (twice) throw new GeneratorInputError(`field "${name}": enum value "${twice}" is given twice`);
  return values;
}
