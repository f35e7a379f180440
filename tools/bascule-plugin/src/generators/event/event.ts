import { formatFiles, GeneratorCallback, names, Tree } from '@nx/devkit';
import { SyntaxKind, VariableDeclarationKind } from 'ts-morph';
import { afterGeneration } from '../../utils/after-generation';
import { ContextNames, GeneratorInputError } from '../../utils/context-names';
import { eventContractsOf, existingContext } from '../../utils/context-sources';
import { fieldLayers } from '../../utils/field-layers';
import { Field, parseFields } from '../../utils/fields';
import {
  addToUnionType,
  appendToArrayVariable,
  declareMoneyRules,
  editTypeScript,
  importNamed,
  notLaidOut,
} from '../../utils/ts-source';
import { EventSchema } from './schema';

/**
 * `StockItemArchived` → its wire type `inventory.stock-item-archived`, v1, on the context's topic, carrying
 * `fields` (the domain event in the domain's types, the contract's payload in the plain ones).
 */
export function addEvent(tree: Tree, options: EventSchema, fields: Field[] = []): { event: string; contract: string } {
  const n = existingContext(tree, options.context, options.aggregate);
  if (!/^[A-Z][a-z0-9]+([A-Z][a-z0-9]+)*$/.test(options.name) || !options.name.startsWith(n.Aggregate))
    throw new GeneratorInputError(
      `"${options.name}" is not an event of ${n.Aggregate}: PascalCase, starting with it (${n.Aggregate}Archived)`,
    );
  const event = options.name;
  const contract = `${event}V1`;
  const events = `libs/${n.context}/domain/src/${n.aggregate}.events.ts`;
  if (tree.read(events, 'utf-8')?.includes(`'${event}'`))
    throw new GeneratorInputError(`${event} exists already in ${events}`);
  addDomainEvent(tree, n, events, event, fields);
  addContract(tree, n, event, contract, fields);
  addMapping(tree, n, event, contract, fields);
  return { event, contract };
}

function addDomainEvent(tree: Tree, n: ContextNames, path: string, event: string, fields: Field[]): void {
  const L = fieldLayers(n.Aggregate, n.AGGREGATE);
  editTypeScript(tree, path, (file) => {
    const union = file.getTypeAlias(`${n.Aggregate}Event`);
    if (!union) throw notLaidOut(path, `type ${n.Aggregate}Event`);
    const index = union.getChildIndex();
    if (fields.length)
      file.insertInterface(index, {
        name: event,
        isExported: true,
        extends: [`DomainEvent<'${event}'>`],
        properties: fields.map((f) => ({ name: f.name, type: L.domainType(f) })),
      });
    else file.insertTypeAlias(index, { name: event, isExported: true, type: `DomainEvent<'${event}'>` });
    addToUnionType(file, `${n.Aggregate}Event`, event);
    if (fields.some((f) => f.type === 'money')) importNamed(file, '@bascule/shared/ddd', ['Money']);
    const enums = fields.filter((f) => f.type === 'enum').map((f) => L.enumType(f));
    if (enums.length) importNamed(file, `./${n.aggregate}`, enums);
  });
}

function addContract(tree: Tree, n: ContextNames, event: string, contract: string, fields: Field[]): void {
  const L = fieldLayers(n.Aggregate, n.AGGREGATE);
  const { path, list: contracts } = eventContractsOf(tree, n);
  const schema = [`${n.aggregateProperty}Id`, ...fields.map((f) => `${f.name}: ${L.answerSchema(f)}`)].join(', ');
  editTypeScript(tree, path, (file) => {
    const list = file.getVariableStatement(contracts);
    if (!list) throw notLaidOut(path, contracts);
    file.insertVariableStatement(list.getChildIndex(), {
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      declarations: [
        {
          name: contract,
          initializer:
            `defineEvent({ ...base, type: '${n.context}.${names(event).fileName}', ` +
            `summary: '${sentence(event)}', schema: Type.Object({ ${schema} }, closed) })`,
        },
      ],
    });
    appendToArrayVariable(file, contracts, contract);
    file.addTypeAlias({ name: contract, isExported: true, type: `PayloadOf<typeof ${contract}>` });
    if (fields.some((f) => f.type === 'money')) declareMoneyRules(file);
  });
}

function addMapping(tree: Tree, n: ContextNames, event: string, contract: string, fields: Field[]): void {
  const L = fieldLayers(n.Aggregate, n.AGGREGATE);
  const path = `libs/${n.context}/infrastructure/src/persistence/${n.aggregate}.table.ts`;
  const payload = [
    `${n.aggregateProperty}Id: event.aggregateId`,
    ...fields.map((f) => `${f.name}: ${L.toPlain(f, `event.${f.name}`)}`),
  ].join(', ');
  editTypeScript(tree, path, (file) => {
    const clauses = file
      .getFunction('integrationEventOf')
      ?.getFirstDescendantByKind(SyntaxKind.SwitchStatement)
      ?.getClauses();
    const last = clauses?.[clauses.length - 1];
    if (!last) throw notLaidOut(path, 'switch in integrationEventOf');
    file.insertText(last.getEnd(), `\ncase '${event}':\nreturn { contract: ${contract}, payload: { ${payload} } };`);
    importNamed(file, `@bascule/${n.context}/contracts`, [contract]);
  });
}

/** `OrderLineAdded` → 'Order line added.' */
function sentence(event: string): string {
  const words = names(event).fileName.replace(/-/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

export async function eventGenerator(tree: Tree, options: EventSchema): Promise<GeneratorCallback> {
  addEvent(tree, options, parseFields(options.fields));
  await formatFiles(tree);
  return afterGeneration(tree);
}

export default eventGenerator;
