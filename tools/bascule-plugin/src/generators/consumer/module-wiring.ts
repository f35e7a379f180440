import { Tree } from '@nx/devkit';
import { ArrayLiteralExpression, ObjectLiteralExpression, Project, QuoteKind, SourceFile, SyntaxKind } from 'ts-morph';
import { GeneratorInputError } from '../../utils/context-names';

/** Edits one TypeScript file of the tree through its syntax tree (ts-morph), then writes it back. */
export function editTypeScript(tree: Tree, path: string, edit: (source: SourceFile) => void): void {
  const text = tree.read(path, 'utf-8');
  if (text === null)
    throw new GeneratorInputError(`${path} is missing: was the context generated with @bascule/plugin?`);
  // The workspace's Prettier (formatFiles) lays the result out; quotes are chosen here.
  const project = new Project({ useInMemoryFileSystem: true, manipulationSettings: { quoteKind: QuoteKind.Single } });
  const source = project.createSourceFile(path, text);
  edit(source);
  tree.write(path, source.getFullText());
}

export function addNamedImport(source: SourceFile, module: string, name: string): void {
  const existing = source.getImportDeclaration((d) => d.getModuleSpecifierValue() === module);
  if (!existing) source.addImportDeclaration({ moduleSpecifier: module, namedImports: [name] });
  else if (!existing.getNamedImports().some((i) => i.getName() === name)) existing.addNamedImport(name);
}

/** The array of property `name` in `literal`, made when absent (`first`: as its first property). */
function arrayProperty(literal: ObjectLiteralExpression, name: string, first = false): ArrayLiteralExpression {
  const found = literal.getProperty(name)?.asKind(SyntaxKind.PropertyAssignment)?.getInitializer();
  if (found) {
    const array = found.asKind(SyntaxKind.ArrayLiteralExpression);
    if (!array) throw new GeneratorInputError(`${name}: is not an array literal: add the consumer by hand`);
    return array;
  }
  const made = { name, initializer: '[]' };
  return (
    first ? literal.insertPropertyAssignment(0, made) : literal.addPropertyAssignment(made)
  ).getInitializerIfKindOrThrow(SyntaxKind.ArrayLiteralExpression);
}

const addOnce = (array: ArrayLiteralExpression, element: string) => {
  if (!array.getElements().some((e) => e.getText() === element)) array.addElement(element);
};

/**
 * In the context's infrastructure module: the handler among its providers, and `ConsumersModule.forRoot(...)`
 * among its imports with the topic and the contract consumed (made by the first consumer, completed by the next).
 */
export function wireConsumer(
  source: SourceFile,
  wiring: { service: string; Handler: string; handlerFile: string; topic: string; contract: string; producer: string },
): void {
  const module = source.getClasses().find((c) => c.getDecorator('Module'));
  const metadata = module?.getDecorator('Module')?.getArguments()[0]?.asKind(SyntaxKind.ObjectLiteralExpression);
  if (!metadata) throw new GeneratorInputError(`${source.getFilePath()}: no @Module({...}) to add the consumer to`);
  addNamedImport(source, '@bascule/shared/messaging', 'ConsumersModule');
  addNamedImport(source, `@bascule/${wiring.producer}/contracts`, wiring.contract);
  addNamedImport(source, `./consumers/${wiring.handlerFile}`, wiring.Handler);
  addOnce(arrayProperty(metadata, 'providers'), wiring.Handler);
  const imports = arrayProperty(metadata, 'imports', true);
  let forRoot = imports
    .getElements()
    .find((e) => e.getText().startsWith('ConsumersModule.forRoot('))
    ?.asKind(SyntaxKind.CallExpression);
  if (!forRoot) {
    imports.addElement(`ConsumersModule.forRoot({ groupId: '${wiring.service}', topics: [], contracts: [] })`);
    forRoot = imports.getElements().at(-1)?.asKindOrThrow(SyntaxKind.CallExpression);
  }
  const options = forRoot?.getArguments()[0]?.asKind(SyntaxKind.ObjectLiteralExpression);
  if (!options)
    throw new GeneratorInputError('ConsumersModule.forRoot(...) takes no object literal: add the consumer by hand');
  addOnce(arrayProperty(options, 'topics'), `'${wiring.topic}'`);
  addOnce(arrayProperty(options, 'contracts'), wiring.contract);
}

/** The migration appended to the context database's `migrations: [...]`. */
export function registerMigration(source: SourceFile, migration: string, file: string): void {
  const migrations = source
    .getDescendantsOfKind(SyntaxKind.PropertyAssignment)
    .find((p) => p.getName() === 'migrations')
    ?.getInitializer()
    ?.asKind(SyntaxKind.ArrayLiteralExpression);
  if (!migrations)
    throw new GeneratorInputError(`${source.getFilePath()}: no migrations: [...] to add ${migration} to`);
  addNamedImport(source, `./migrations/${file}`, migration);
  addOnce(migrations, migration);
}
