import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, names, Tree } from '@nx/devkit';
import { Node, Project, SyntaxKind } from 'ts-morph';
import { afterGeneration } from '../../utils/after-generation';
import { aggregateState } from '../../utils/aggregate-state';
import { contextNames, ContextNames, GeneratorInputError, useCaseNames } from '../../utils/context-names';
import { existingContext, registerUseCase } from '../../utils/context-sources';
import { Field, parseFields } from '../../utils/fields';
import { fieldSubstitutions } from '../bounded-context/bounded-context';
import { eventName } from '../command/command';
import { same } from '../command/command-domain';
import { addChangeRoute, addChangeRpc } from '../command/command-edges';
import { addEvent } from '../event/event';
import { addToAggregate, addIdTakenError, importEntityEnums } from './entity-domain';
import { addToEdges } from './entity-edges';
import { addToStorage } from './entity-storage';
import { EntitySchema } from './schema';
import { editTypeScript } from '../../utils/ts-source';

/** Columns of a child row the generated code writes itself. */
const RESERVED = new Set(['position']);

/** Every spelling of a child entity's names, beside its root's. */
export function entityNames(n: ContextNames, entity: string, fields: Field[]) {
  const e = contextNames(n.context, entity);
  if (e.Aggregate === n.Aggregate) throw new GeneratorInputError(`${entity} is the aggregate root itself`);
  const rootSnake = n.aggregate.replace(/-/g, '_');
  const ownTable = e.aggregateTable.startsWith(`${rootSnake}_`) ? e.aggregateTable : `${rootSnake}_${e.aggregateTable}`;
  // The entity's enums are named `<Aggregate><Rest><Field>` (OrderLineKind): the aggregate's field layers name them.
  const rest = e.Aggregate.startsWith(n.Aggregate) ? e.Aggregate.slice(n.Aggregate.length) : e.Aggregate;
  const snake = e.aggregate.replace(/-/g, '_');
  const add = useCaseNames(`add-${e.aggregate}`);
  const remove = useCaseNames(`remove-${e.aggregate}`);
  return {
    entity: e.aggregate,
    Entity: e.Aggregate,
    entityProperty: e.aggregateProperty,
    ENTITY: e.AGGREGATE,
    entitiesProperty: e.aggregatesProperty,
    entityWords: e.aggregate.replace(/-/g, ' '),
    entitiesWords: e.aggregates.replace(/-/g, ' '),
    aggregateWords: n.aggregate.replace(/-/g, ' '),
    table: ownTable,
    tableFile: ownTable.replace(/_/g, '-'),
    TableClass: names(ownTable.replace(/_/g, '-')).className,
    parentColumn: `${rootSnake}_id`,
    keyColumn: `${snake}_id`,
    fields: fields.map((f) => ({ ...f, Name: `${rest}${f.Name}` })),
    idField: {
      name: `${e.aggregateProperty}Id`,
      Name: `${rest}Id`,
      column: `${snake}_id`,
      type: 'uuid',
      optional: false,
      values: [],
    } satisfies Field as Field,
    enumValues: (f: Field) => `${e.AGGREGATE}_${f.column.toUpperCase()}_VALUES`,
    add,
    remove,
    AddUseCase: add.UseCase,
    RemoveUseCase: remove.UseCase,
    addMethod: add.useCaseProperty,
    removeMethod: remove.useCaseProperty,
    /** The refusal of an id held with other values: `OrderLineIdTaken`, `OrderParcelIdTaken`. */
    IdTaken: `${e.Aggregate.startsWith(n.Aggregate) ? '' : n.Aggregate}${e.Aggregate}IdTaken`,
    added: eventName(add.useCase, n),
    removed: eventName(remove.useCase, n),
  };
}

export type EntityNames = ReturnType<typeof entityNames>;

/**
 * The root's fields, for the specs' sample values: its state read back, a text that is a uuid or a date column in
 * its table (`columns`) typed as such, so that PostgreSQL takes the sample.
 */
function rootFieldsOf(tree: Tree, n: ContextNames): Field[] {
  const path = `libs/${n.context}/infrastructure/src/persistence/${n.aggregate}.table.ts`;
  const file = new Project({ useInMemoryFileSystem: true }).createSourceFile(path, tree.read(path, 'utf-8') ?? '');
  const columns = new Map<string, string>();
  const declared = file
    .getVariableDeclaration(`${n.aggregateProperty}Table`)
    ?.getDescendantsOfKind(SyntaxKind.PropertyAssignment)
    .find((property) => property.getName() === 'columns')
    ?.getInitializerIfKind(SyntaxKind.ObjectLiteralExpression);
  for (const column of declared?.getProperties() ?? [])
    if (Node.isPropertyAssignment(column))
      columns.set(column.getName(), column.getInitializerIfKind(SyntaxKind.StringLiteral)?.getLiteralValue() ?? '');
  return aggregateState(tree, n).map((f) => {
    const sql = columns.get(f.column);
    return f.type === 'string' && (sql === 'uuid' || sql === 'date') ? { ...f, type: sql } : f;
  });
}

/**
 * A child collection of an existing aggregate (ADR 0025, 0028): the entity in the domain, the root's collection
 * with add/remove methods that record their event only on change, the add-/remove- commands with their routes and
 * rpcs, the child table and its migration, the children in the root's view, schemas and proto message, fixtures
 * and specs.
 */
export async function entityGenerator(tree: Tree, options: EntitySchema): Promise<GeneratorCallback> {
  const n = existingContext(tree, options.context, options.aggregate);
  const parsed = parseFields(options.fields);
  if (parsed.length === 0)
    throw new GeneratorInputError('an entity holds values: give them with --fields "<name>:<type>[?] ..."');
  const clash = parsed.find((f) => RESERVED.has(f.name));
  if (clash) throw new GeneratorInputError(`field "${clash.name}" is reserved by the child table; choose another name`);
  const e = entityNames(n, options.name, parsed);
  const domain = `libs/${n.context}/domain/src`;
  if (tree.exists(`${domain}/${e.entity}.ts`)) throw new GeneratorInputError(`${domain}/${e.entity}.ts exists already`);
  for (const u of [e.add, e.remove]) {
    const folder = `libs/${n.context}/application/src/commands/${u.useCase}`;
    if (tree.exists(folder)) throw new GeneratorInputError(`${folder} exists already`);
  }
  const { fields, idField } = e;
  const subs = fieldSubstitutions(n.Aggregate, n.AGGREGATE, fields);
  const timestamp = String(Date.now());
  const rootFields = rootFieldsOf(tree, n);
  const substitutions = {
    ...n,
    ...e,
    ...subs,
    same,
    rootFields,
    rootHasMoney: rootFields.some((f) => f.type === 'money'),
    fieldsDiffer: fields.some((f) => subs.L.sample(f, 0) !== subs.L.sample(f, 1)),
    timestamp,
    tmpl: '',
  };

  const addFields = [idField, ...fields];
  addEvent(tree, { name: e.added, context: n.context, aggregate: n.Aggregate }, addFields);
  addEvent(tree, { name: e.removed, context: n.context, aggregate: n.Aggregate }, [idField]);
  importEntityEnums(tree, n, e);
  addIdTakenError(tree, n, e);
  addToAggregate(tree, n, e);

  const useCases: [ReturnType<typeof useCaseNames>, Field[], string][] = [
    [e.add, addFields, e.added],
    [e.remove, [idField], e.removed],
  ];
  const withUseCases = options.useCases !== false;
  for (const [u, commandFields, event] of withUseCases ? useCases : []) {
    const effect = { from: [], sets: [], adds: [], eventFields: commandFields };
    generateFiles(tree, join(__dirname, '../command/files'), '.', {
      ...n,
      ...u,
      ...fieldSubstitutions(n.Aggregate, n.AGGREGATE, commandFields),
      method: u.useCaseProperty,
      event,
      effect,
      tmpl: '',
    });
    registerUseCase(tree, n, u, 'command');
    addChangeRoute(tree, n, u, commandFields);
    addChangeRpc(tree, n, u, commandFields);
  }
  // The entity's own files, and specs in place of the command generator's (which expect a state change).
  generateFiles(tree, join(__dirname, 'files'), '.', substitutions);
  if (!withUseCases)
    for (const u of [e.add, e.remove]) tree.delete(`libs/${n.context}/application/src/commands/${u.useCase}`);
  editTypeScript(tree, `${domain}/index.ts`, (file) => {
    file.addExportDeclaration({ moduleSpecifier: `./${e.entity}` });
  });
  addToStorage(tree, n, e, timestamp);
  addToEdges(tree, n, e);
  await formatFiles(tree);
  return afterGeneration(tree);
}

export default entityGenerator;
