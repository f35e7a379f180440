import { formatFiles, GeneratorCallback, names, Tree } from '@nx/devkit';
import { afterGeneration } from '../../utils/after-generation';
import { GeneratorInputError } from '../../utils/context-names';
import { addNamedImport, appendToArray, before, editSource, existingContext, pipe } from '../../utils/context-sources';
import { EventSchema } from './schema';

/** `StockItemArchived` → its wire type `inventory.stock-item-archived`, v1, on the context's topic. */
export function addEvent(tree: Tree, options: EventSchema): { event: string; contract: string } {
  const n = existingContext(tree, options.context, options.aggregate);
  if (!/^[A-Z][a-z0-9]+([A-Z][a-z0-9]+)*$/.test(options.name) || !options.name.startsWith(n.Aggregate))
    throw new GeneratorInputError(
      `"${options.name}" is not an event of ${n.Aggregate}: PascalCase, starting with it (${n.Aggregate}Archived)`,
    );
  const event = options.name;
  const contract = `${event}V1`;
  const wireType = `${n.context}.${names(event).fileName}`;
  const events = `libs/${n.context}/domain/src/${n.aggregate}.events.ts`;
  if (tree.read(events, 'utf-8')?.includes(`'${event}'`))
    throw new GeneratorInputError(`${event} exists already in ${events}`);

  editSource(
    tree,
    events,
    pipe(
      before(new RegExp(`export type ${n.Aggregate}Event =`), `export type ${event} = DomainEvent<'${event}'>;\n\n`),
      (source) => source.replace(new RegExp(`(export type ${n.Aggregate}Event =[^;]*);`), `$1 | ${event};`),
    ),
  );
  editSource(
    tree,
    `libs/${n.context}/contracts/src/${n.context}-events.v1.ts`,
    pipe(
      before(
        new RegExp(`export const ${n.contextProperty}EventContracts =`),
        `export const ${contract} = defineEvent({\n  ...base,\n  type: '${wireType}',\n  summary: '${sentence(event, n.Aggregate)}',\n` +
          `  schema: Type.Object({ ${n.aggregateProperty}Id }, closed),\n});\n\n`,
      ),
      appendToArray(`${n.contextProperty}EventContracts = [`, contract),
      (source) => `${source.trimEnd()}\nexport type ${contract} = PayloadOf<typeof ${contract}>;\n`,
    ),
  );
  editSource(
    tree,
    `libs/${n.context}/infrastructure/src/persistence/${n.aggregate}.table.ts`,
    pipe(
      addNamedImport(new RegExp(`@bascule/${n.context}/contracts`), contract),
      before(
        /\n {2}}\n}\n/,
        `\n    case '${event}':\n      return { contract: ${contract}, payload: { ${n.aggregateProperty}Id: event.aggregateId } };`,
      ),
    ),
  );
  return { event, contract };
}

/** `StockItemArchived` of `StockItem` → 'A stock item was archived.' */
function sentence(event: string, aggregate: string): string {
  const words = (name: string) => names(name).fileName.replace(/-/g, ' ');
  return `A ${words(aggregate)} was ${words(event.slice(aggregate.length))}.`;
}

export async function eventGenerator(tree: Tree, options: EventSchema): Promise<GeneratorCallback> {
  addEvent(tree, options);
  await formatFiles(tree);
  return afterGeneration(tree);
}

export default eventGenerator;
