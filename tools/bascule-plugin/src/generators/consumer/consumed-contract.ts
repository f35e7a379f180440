import { Tree } from '@nx/devkit';
import { Node, ObjectLiteralExpression, Project, SourceFile, SyntaxKind } from 'ts-morph';
import { GeneratorInputError } from '../../utils/context-names';

/** A payload field's column in a projection, typed as its JSON Schema says it arrives. */
export interface KeptColumn {
  field: string;
  column: string;
  sqlType: 'uuid' | 'text' | 'integer' | 'numeric' | 'boolean' | 'timestamptz' | 'jsonb';
  nullable: boolean;
  /** Declared `Personal(...)`: sealed with its subject's key, which only the publishing context holds (ADR 0033). */
  personal: boolean;
}

export interface ConsumedContract {
  /** The exported constant of the contract (`ClientRegisteredV1`) in `libs/<producer>/contracts`. */
  constant: string;
  /** The aggregate whose events these are (`client`). */
  aggregateType: string;
  fields: Map<string, KeptColumn>;
  /** The fields of every contract of the same aggregate (a status the deactivation implies, carried by the registration). */
  aggregateFields: Map<string, KeptColumn>;
}

/**
 * Finds `defineEvent({ type, version, schema: Type.Object({...}) })` of `type` v`version` among the producer's
 * contracts, read through TypeScript's syntax tree (ts-morph): which constant it is, and its payload's fields.
 */
export function consumedContract(tree: Tree, producer: string, type: string, version: number): ConsumedContract {
  const folder = `libs/${producer}/contracts/src`;
  const project = new Project({ useInMemoryFileSystem: true });
  const files = tree.exists(folder)
    ? tree.children(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    : [];
  const contracts = files.flatMap((file) => {
    const source = project.createSourceFile(file, tree.read(`${folder}/${file}`, 'utf-8') ?? '');
    return source
      .getDescendantsOfKind(SyntaxKind.CallExpression)
      .filter((call) => call.getExpression().getText() === 'defineEvent')
      .flatMap((call) => {
        const literal = call.getArguments()[0]?.asKind(SyntaxKind.ObjectLiteralExpression);
        const constant = call.getFirstAncestorByKind(SyntaxKind.VariableDeclaration)?.getName();
        if (!literal || !constant) return [];
        return [
          {
            constant,
            type: stringProperty(literal, source, 'type'),
            version: numberProperty(literal, source, 'version'),
            aggregateType: stringProperty(literal, source, 'aggregateType') ?? producer,
            fields: payloadFields(literal, source),
          },
        ];
      });
  });
  const found = contracts.find((c) => c.type === type && c.version === version);
  if (!found)
    throw new GeneratorInputError(
      `no contract ${type} v${version} in ${folder} (defineEvent({ type: '${type}', ... }))`,
    );
  const aggregateFields = new Map(
    contracts.filter((c) => c.aggregateType === found.aggregateType).flatMap((c) => [...c.fields]),
  );
  return { constant: found.constant, aggregateType: found.aggregateType, fields: found.fields, aggregateFields };
}

/** A property of the literal, or of an object spread into it (`...base`), as its initializer. */
function property(literal: ObjectLiteralExpression, source: SourceFile, name: string): Node | undefined {
  const own = literal.getProperty(name);
  if (own?.isKind(SyntaxKind.PropertyAssignment)) return own.getInitializer();
  if (own?.isKind(SyntaxKind.ShorthandPropertyAssignment)) return declared(source, name);
  for (const spread of literal.getChildrenOfKind(SyntaxKind.SpreadAssignment)) {
    const base = declared(source, spread.getExpression().getText());
    const inner =
      base?.asKind(SyntaxKind.ObjectLiteralExpression) ?? base?.getFirstChildByKind(SyntaxKind.ObjectLiteralExpression);
    const found = inner && property(inner, source, name);
    if (found) return found;
  }
  return undefined;
}

const declared = (source: SourceFile, name: string) => source.getVariableDeclaration(name)?.getInitializer();

const stringProperty = (literal: ObjectLiteralExpression, source: SourceFile, name: string) =>
  property(literal, source, name)?.asKind(SyntaxKind.StringLiteral)?.getLiteralValue();

const numberProperty = (literal: ObjectLiteralExpression, source: SourceFile, name: string) =>
  property(literal, source, name)?.asKind(SyntaxKind.NumericLiteral)?.getLiteralValue();

function payloadFields(literal: ObjectLiteralExpression, source: SourceFile): Map<string, KeptColumn> {
  const schema = property(literal, source, 'schema')?.asKind(SyntaxKind.CallExpression);
  const shape = schema?.getArguments()[0]?.asKind(SyntaxKind.ObjectLiteralExpression);
  return shape ? shapeFields(shape, source) : new Map();
}

/** The fields of a schema's shape, those spread into it (`...stockItemFields`, declared in the file) included. */
function shapeFields(shape: ObjectLiteralExpression, source: SourceFile): Map<string, KeptColumn> {
  const fields = new Map<string, KeptColumn>();
  for (const member of shape.getProperties()) {
    if (Node.isSpreadAssignment(member)) {
      const spread = declared(source, member.getExpression().getText())?.asKind(SyntaxKind.ObjectLiteralExpression);
      if (spread) for (const [name, field] of shapeFields(spread, source)) fields.set(name, field);
      continue;
    }
    if (!Node.isPropertyAssignment(member) && !Node.isShorthandPropertyAssignment(member)) continue;
    const field = member.getName();
    const typed = Node.isPropertyAssignment(member) ? member.getInitializer() : declared(source, field);
    const personal = typed?.asKind(SyntaxKind.CallExpression)?.getExpression().getText() === 'Personal';
    fields.set(field, { field, column: snakeCase(field), ...columnType(typed, source), personal });
  }
  return fields;
}

type SqlType = KeptColumn['sqlType'];
const scalars: Record<string, SqlType> = { Integer: 'integer', Number: 'numeric', Boolean: 'boolean', String: 'text' };
const formats: Record<string, SqlType> = { uuid: 'uuid', 'date-time': 'timestamptz' };

/** A literal's column: a number's integer (numeric with a fraction), a string's text. */
const literalType = (literal: Node): SqlType => {
  const value = literal.asKind(SyntaxKind.CallExpression)?.getArguments()[0];
  if (!value?.isKind(SyntaxKind.NumericLiteral)) return 'text';
  return Number.isInteger(value.getLiteralValue()) ? 'integer' : 'numeric';
};

/**
 * What a TypeBox expression arrives as: `Type.Union([X, Type.Null()])` is X, nullable, and `Type.Optional(X)` too
 * (absent, kept as NULL); literals are text, or integer when all are whole numbers (VAT rates in basis points); a
 * string's `format` gives uuid or timestamptz; an object, an array or a named schema is kept whole, as jsonb. A
 * name declared in the file (`vatRate`) is read through its declaration.
 */
function columnType(typebox: Node | undefined, source: SourceFile): Pick<KeptColumn, 'sqlType' | 'nullable'> {
  if (typebox?.isKind(SyntaxKind.Identifier)) return columnType(declared(source, typebox.getText()), source);
  const call = typebox?.asKind(SyntaxKind.CallExpression);
  const kind = call
    ?.getExpression()
    .getText()
    .replace(/^Type\./, '');
  if (!call || !kind) return { sqlType: 'jsonb', nullable: false };
  if (kind === 'Optional') return { sqlType: columnType(call.getArguments()[0], source).sqlType, nullable: true };
  if (kind === 'Union') {
    const members = call.getArguments()[0]?.asKind(SyntaxKind.ArrayLiteralExpression)?.getElements() ?? [];
    const present = members.filter((m) => m.getText() !== 'Type.Null()');
    const nullable = present.length < members.length;
    if (present.length === 1) return { sqlType: columnType(present[0], source).sqlType, nullable };
    const literals = present.every((m) => m.getText().startsWith('Type.Literal('));
    const types = new Set(present.map(literalType));
    return { sqlType: literals ? (types.size === 1 ? [...types][0] : 'text') : 'jsonb', nullable };
  }
  if (kind === 'Literal') return { sqlType: literalType(call), nullable: false };
  const options = call.getArguments()[0]?.asKind(SyntaxKind.ObjectLiteralExpression);
  const format = options?.getProperty('format')?.asKind(SyntaxKind.PropertyAssignment)?.getInitializer();
  const formatted = format?.asKind(SyntaxKind.StringLiteral)?.getLiteralValue();
  return {
    sqlType: (kind === 'String' && formatted && formats[formatted]) || scalars[kind] || 'jsonb',
    nullable: false,
  };
}

export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/-/g, '_');
