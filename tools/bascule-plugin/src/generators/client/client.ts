import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, names, Tree, updateJson } from '@nx/devkit';
import { IndentationText, Project, QuoteKind, SyntaxKind } from 'ts-morph';
import { GeneratorInputError } from '../../utils/context-names';
import { renderFromManifests, RepositoryFiles, treeFiles } from '../../utils/platform';
import { readManifests } from '../../utils/workspace';
import { protoTypes } from './proto-types';
import { ClientSchema } from './schema';

const { grpcRolesOf } = require('@bascule/infra/contexts') as {
  grpcRolesOf(files: RepositoryFiles, context: string): { rpcs: Map<string, { roles: string[] }>; problems: string[] };
};

/**
 * A gRPC client of another context: the caller's manifest `calls` entry (setup then grants its Keycloak client
 * exactly the roles those rpcs need), a typed client from the callee's `.proto` under the call policy, and its
 * module imported by the caller's infrastructure module (docs/adr/0026-call-policy.md).
 */
export async function clientGenerator(tree: Tree, options: ClientSchema): Promise<GeneratorCallback> {
  const manifests = readManifests(tree);
  const contextOf = (name: string) => manifests.find((m) => m.kind === 'context' && m.name === name);
  const caller = contextOf(options.context);
  if (!caller)
    throw new GeneratorInputError(`no context named "${options.context}" (no apps/*/context.manifest.json names it)`);
  if (options.calls === options.context) throw new GeneratorInputError(`a context does not call itself over gRPC`);
  const callee = contextOf(options.calls);
  if (!callee)
    throw new GeneratorInputError(
      `no context named "${options.calls}" to call (known: ${manifests
        .filter((m) => m.kind === 'context' && m.name !== options.context)
        .map((m) => m.name)
        .join(', ')})`,
    );
  const protoFile = `libs/${callee.name}/contracts/src/proto/${callee.name}.proto`;
  const protoText = tree.read(protoFile, 'utf-8');
  if (protoText === null) throw new GeneratorInputError(`${protoFile} is missing: ${callee.name} has no gRPC contract`);

  const served = grpcRolesOf(treeFiles(tree), callee.name);
  if (served.problems.length) throw new GeneratorInputError(served.problems.join('; '));
  const rpcs = options.rpcs
    ? options.rpcs
        .split(',')
        .map((rpc) => rpc.trim())
        .filter(Boolean)
    : [...served.rpcs].filter(([, { roles }]) => roles.every((role) => role.endsWith(':read'))).map(([rpc]) => rpc);
  if (rpcs.length === 0) throw new GeneratorInputError(`${callee.name} serves no read-only rpc: name them with --rpcs`);
  const unknown = rpcs.filter((rpc) => !served.rpcs.has(rpc));
  if (unknown.length)
    throw new GeneratorInputError(
      `${callee.name} serves no rpc ${unknown.join(', ')} (it serves: ${[...served.rpcs.keys()].join(', ')})`,
    );

  const previous = callsOf(tree, caller.path).find((call) => call.context === callee.name)?.rpcs ?? [];
  const called = [...new Set([...previous, ...rpcs])];
  const types = protoTypes(protoText, protoFile, called);
  const readOnly = (rpc: string) => served.rpcs.get(rpc)?.roles.every((role) => role.endsWith(':read')) ?? false;

  updateJson(tree, caller.path, (manifest) => {
    const calls = (manifest.calls ?? []).filter((call: { context: string }) => call.context !== callee.name);
    manifest.calls = [...calls, { context: callee.name, rpcs: called }].sort((a, b) =>
      a.context.localeCompare(b.context),
    );
    return manifest;
  });

  const calleeNames = names(callee.name);
  const file = `libs/${caller.name}/infrastructure/src/calls/${calleeNames.fileName}.callee.ts`;
  if (tree.exists(file)) tree.delete(file);
  generateFiles(tree, join(__dirname, 'files'), '.', {
    context: caller.name,
    service: caller.service,
    callee: callee.name,
    calleeService: callee.service,
    Callee: calleeNames.className,
    CALLEE: calleeNames.constantName,
    CALLEE_PREFIX: calleeNames.constantName,
    calleeProperty: calleeNames.propertyName,
    grpcPort: callee.grpcPort,
    protoFile,
    rpcs: types.rpcs.map((rpc) => ({ ...rpc, idempotent: readOnly(rpc.name) })),
    messages: types.messages,
    tmpl: '',
  });
  importCalleeModule(
    tree,
    caller.name,
    `${calleeNames.className}CalleeModule`,
    `./calls/${calleeNames.fileName}.callee`,
  );

  renderFromManifests(tree);
  await formatFiles(tree);
  return () => undefined;
}

export default clientGenerator;

function callsOf(tree: Tree, manifestPath: string): { context: string; rpcs: string[] }[] {
  return JSON.parse(tree.read(manifestPath, 'utf-8') ?? '{}').calls ?? [];
}

/** Adds the callee's module to the `imports` of the caller's infrastructure @Module, through its syntax tree. */
function importCalleeModule(tree: Tree, context: string, moduleName: string, from: string): void {
  const path = `libs/${context}/infrastructure/src/${context}-infrastructure.module.ts`;
  const text = tree.read(path, 'utf-8');
  if (text === null)
    throw new GeneratorInputError(`${path} is missing: was the context generated with @bascule/plugin?`);
  const source = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { quoteKind: QuoteKind.Single, indentationText: IndentationText.TwoSpaces },
  }).createSourceFile(path, text);
  const decorated = source.getClasses().find((c) => c.getDecorator('Module'));
  const metadata = decorated?.getDecorator('Module')?.getArguments()[0]?.asKind(SyntaxKind.ObjectLiteralExpression);
  if (!metadata) throw new GeneratorInputError(`${path} has no @Module({...}): import ${moduleName} by hand`);
  const imports = metadata.getProperty('imports')?.asKind(SyntaxKind.PropertyAssignment);
  if (!imports) metadata.insertPropertyAssignment(0, { name: 'imports', initializer: `[${moduleName}]` });
  else {
    const list = imports.getInitializerIfKind(SyntaxKind.ArrayLiteralExpression);
    if (!list)
      throw new GeneratorInputError(`${path}: @Module's imports is not an array: import ${moduleName} by hand`);
    if (!list.getElements().some((e) => e.getText() === moduleName)) list.addElement(moduleName);
  }
  if (!source.getImportDeclaration(from))
    source.addImportDeclaration({ moduleSpecifier: from, namedImports: [moduleName] });
  tree.write(path, source.getFullText());
}
