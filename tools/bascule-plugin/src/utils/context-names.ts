import { names } from '@nx/devkit';

const CONTEXT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const AGGREGATE_NAME = /^[A-Z][a-z0-9]+([A-Z][a-z0-9]+)*$/;
/** Names the platform or the language already use: a context by that name would shadow or break them. */
const RESERVED = new Set(['shared', 'legacy', 'anti-corruption', 'platform', 'tooling', 'bascule', 'test', 'tools']);

/** Words a generated `const <aggregate>` or parameter may not be. */
const JS_RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield await'.split(
    ' ',
  ),
);

export class GeneratorInputError extends Error {}

/** `stock-item` → `stock-items`; `category` → `categories`; `address` → `addresses`. */
export function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** Every spelling of a context's and its aggregate's names that the templates use. */
export function contextNames(context: string, aggregate: string) {
  if (!CONTEXT_NAME.test(context))
    throw new GeneratorInputError(
      `"${context}" is not a context name: lower-case words joined by "-", starting with a letter (e.g. inventory, order-lines)`,
    );
  if (RESERVED.has(context))
    throw new GeneratorInputError(`"${context}" is reserved by the platform; choose another name`);
  if (!AGGREGATE_NAME.test(aggregate))
    throw new GeneratorInputError(`"${aggregate}" is not an aggregate name: PascalCase words (e.g. StockItem, Order)`);
  const ctx = names(context);
  const agg = names(aggregate);
  if (JS_RESERVED.has(agg.propertyName) || JS_RESERVED.has(ctx.propertyName))
    throw new GeneratorInputError(
      `"${JS_RESERVED.has(agg.propertyName) ? aggregate : context}" is a JavaScript reserved word once in camelCase; choose another name`,
    );
  const aggs = names(plural(agg.fileName));
  const snake = ctx.fileName.replace(/-/g, '_');
  return {
    context: ctx.fileName,
    Context: ctx.className,
    contextProperty: ctx.propertyName,
    CONTEXT: ctx.constantName,
    service: `${ctx.fileName}-service`,
    aggregate: agg.fileName,
    Aggregate: agg.className,
    aggregateProperty: agg.propertyName,
    AGGREGATE: agg.constantName,
    aggregates: aggs.fileName,
    Aggregates: aggs.className,
    aggregatesProperty: aggs.propertyName,
    aggregateTable: aggs.fileName.replace(/-/g, '_'),
    grpcPackage: `bascule.${snake}.v1`,
    grpcService: `${agg.className}Service`,
    topic: `${ctx.fileName}.events.v1`,
    database: `bascule_${snake}`,
    databaseRole: `bascule_${snake}_service`,
    readRole: `${ctx.fileName}:read`,
    writeRole: `${ctx.fileName}:write`,
  };
}

export type ContextNames = ReturnType<typeof contextNames>;

/** A use case's name: `archive-stock-item` → its spellings. */
export function useCaseNames(useCase: string) {
  if (!CONTEXT_NAME.test(useCase))
    throw new GeneratorInputError(
      `"${useCase}" is not a use-case name: verb and noun in kebab case (e.g. archive-stock-item)`,
    );
  const n = names(useCase);
  return { useCase: n.fileName, UseCase: n.className, useCaseProperty: n.propertyName };
}
