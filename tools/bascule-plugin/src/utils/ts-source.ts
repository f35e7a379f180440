import { Tree } from '@nx/devkit';
import { IndentationText, Project, QuoteKind, SourceFile, SyntaxKind } from 'ts-morph';
import { GeneratorInputError } from './context-names';
import { MONEY_RULES, MONEY_RULES_DECLARATION } from './field-layers';

/**
 * Edits a TypeScript file of the tree through its syntax tree (ts-morph), never its text: `edit` finds what it
 * changes by declaration (a class, a type alias, an array variable) and throws a GeneratorInputError naming what
 * it did not find. Formatting is left to formatFiles (Prettier).
 */
export function editTypeScript(tree: Tree, path: string, edit: (file: SourceFile) => void): void {
  const text = tree.read(path, 'utf-8');
  if (text === null)
    throw new GeneratorInputError(`${path} is missing: was the context generated with @bascule/plugin?`);
  const project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  });
  const file = project.createSourceFile(path, text);
  edit(file);
  const edited = file.getFullText();
  if (edited !== text) tree.write(path, edited);
}

/** What `edit` needs and could not find: the file is no longer laid out as generated. */
export function notLaidOut(path: string, missing: string): GeneratorInputError {
  return new GeneratorInputError(`${path} has no ${missing}: it is not laid out as generated; add this by hand`);
}

/** Adds `names` to the named imports from `module`, adding the import when there is none. */
export function importNamed(file: SourceFile, module: string, names: string[]): void {
  const declaration =
    file.getImportDeclaration((d) => d.getModuleSpecifierValue() === module && !d.isTypeOnly()) ??
    file.addImportDeclaration({ moduleSpecifier: module });
  const present = new Set(declaration.getNamedImports().map((i) => i.getName()));
  for (const name of names) if (!present.has(name)) declaration.addNamedImport(name);
}

/** Appends `item` to the array literal `const <variable> = [...]` of the file. */
export function appendToArrayVariable(file: SourceFile, variable: string, item: string): void {
  const initializer = file.getVariableDeclaration(variable)?.getInitializer();
  const array =
    initializer?.asKind(SyntaxKind.ArrayLiteralExpression) ??
    initializer?.asKind(SyntaxKind.AsExpression)?.getExpression().asKind(SyntaxKind.ArrayLiteralExpression);
  if (!array) throw notLaidOut(file.getFilePath().slice(1), `array "${variable}"`);
  if (!array.getElements().some((e) => e.getText() === item)) array.addElement(item);
}

/** Adds `member` to the union type alias `type <alias> = A | B` (a lone type counts as a union of one). */
export function addToUnionType(file: SourceFile, alias: string, member: string): void {
  const declaration = file.getTypeAlias(alias);
  if (!declaration) throw notLaidOut(file.getFilePath().slice(1), `type ${alias}`);
  const members = declaration
    .getTypeNodeOrThrow()
    .getText()
    .split('|')
    .map((m) => m.trim());
  if (!members.includes(member)) declaration.setType([...members, member].join(' | '));
}

/** MoneySchema imported and `moneyRules` (its rules without its `$id`, see MONEY_RULES) declared after the imports. */
export function declareMoneyRules(file: SourceFile): void {
  importNamed(file, '@bascule/shared/contracts', ['MoneySchema']);
  if (file.getVariableDeclaration(MONEY_RULES)) return;
  const imports = file.getImportDeclarations();
  file.insertStatements(imports[imports.length - 1].getChildIndex() + 1, MONEY_RULES_DECLARATION);
}
