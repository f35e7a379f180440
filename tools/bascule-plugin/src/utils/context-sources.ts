import { names, Tree } from '@nx/devkit';
import { contextNames, ContextNames, GeneratorInputError } from './context-names';
import { appendToArrayVariable, editTypeScript, importNamed } from './ts-source';
import { readManifests } from './workspace';

/** An existing context and its aggregate, as the bounded-context generator laid them out. */
export function existingContext(tree: Tree, context: string, aggregate?: string): ContextNames {
  const manifest = readManifests(tree).find((m) => m.kind === 'context' && m.name === context);
  if (!manifest)
    throw new GeneratorInputError(`no context named "${context}" (no apps/*/context.manifest.json names it)`);
  const aggregates = aggregatesOf(tree, context);
  const chosen = aggregate ?? (aggregates.length === 1 ? aggregates[0] : undefined);
  if (!chosen || !aggregates.includes(chosen))
    throw new GeneratorInputError(
      `context "${context}" has the aggregates ${aggregates.join(', ') || 'none'}: name one with --aggregate`,
    );
  return contextNames(context, chosen);
}

/** The aggregates of a generated context: those with a `<aggregate>.events.ts` in its domain. */
export function aggregatesOf(tree: Tree, context: string): string[] {
  const domain = `libs/${context}/domain/src`;
  return tree.exists(domain)
    ? tree.children(domain).flatMap((file) => {
        const match = /^(.+)\.events\.ts$/.exec(file);
        return match ? [names(match[1]).className] : [];
      })
    : [];
}

/**
 * The constant naming the aggregate's gRPC service: `<AGGREGATE>_GRPC_SERVICE` for one added by the aggregate
 * generator, `<CONTEXT>_GRPC_SERVICE` for the context's first.
 */
export function grpcServiceConstant(tree: Tree, n: ContextNames): string {
  const proto = tree.read(`libs/${n.context}/contracts/src/${n.context}-proto.ts`, 'utf-8') ?? '';
  return proto.includes(`export const ${n.AGGREGATE}_GRPC_SERVICE `)
    ? `${n.AGGREGATE}_GRPC_SERVICE`
    : `${n.CONTEXT}_GRPC_SERVICE`;
}

/** The aggregate's contracts file and the array listing its events there. */
export function eventContractsOf(tree: Tree, n: ContextNames): { path: string; list: string } {
  const own = `libs/${n.context}/contracts/src/${n.aggregate}-events.v1.ts`;
  return tree.exists(own)
    ? { path: own, list: `${n.aggregateProperty}EventContracts` }
    : { path: `libs/${n.context}/contracts/src/${n.context}-events.v1.ts`, list: `${n.contextProperty}EventContracts` };
}

/** Edits one source file; refuses with a clear message when the place to edit is not where the generator left it. */
export function editSource(
  tree: Tree,
  path: string,
  edit: (source: string) => string | undefined,
  { mayBeDone = false } = {},
): void {
  const source = tree.read(path, 'utf-8');
  if (source === null)
    throw new GeneratorInputError(`${path} is missing: was the context generated with @bascule/plugin?`);
  const edited = edit(source);
  // `mayBeDone`: an edit an earlier use case made already (a shared request message) leaves the file as it is.
  if (edited === undefined || (edited === source && !mayBeDone))
    throw new GeneratorInputError(`${path} is not laid out as generated: add this use case by hand`);
  tree.write(path, edited);
}

/** Registers a use case's handler with the context's application providers and exports its command or query. */
export function registerUseCase(
  tree: Tree,
  n: ContextNames,
  useCase: { useCase: string; UseCase: string },
  kind: 'command' | 'query',
): void {
  const app = `libs/${n.context}/application/src`;
  const folder = `./${kind === 'command' ? 'commands' : 'queries'}/${useCase.useCase}/${useCase.useCase}`;
  editTypeScript(tree, `${app}/${n.context}-application.ts`, (file) => {
    importNamed(file, `${folder}.handler`, [`${useCase.UseCase}Handler`]);
    appendToArrayVariable(file, `${n.contextProperty}ApplicationProviders`, `${useCase.UseCase}Handler`);
  });
  editTypeScript(tree, `${app}/index.ts`, (file) => {
    file.addExportDeclaration({ moduleSpecifier: `${folder}.${kind}` });
  });
}
