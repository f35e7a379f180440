import { names, Tree } from '@nx/devkit';
import { Project, SyntaxKind } from 'ts-morph';
import { ContextNames } from './context-names';
import { Field, FieldType } from './fields';
import { notLaidOut } from './ts-source';

/**
 * The fields of an aggregate's state, read back from its domain file (`interface <Aggregate>State` and the
 * enums' `<AGGREGATE>_<FIELD>_VALUES`). A string-typed field reads back as `string`: text, uuid and date
 * compare as strings too, which is all a command needs to know of them.
 */
export function aggregateState(tree: Tree, n: ContextNames): Field[] {
  const path = `libs/${n.context}/domain/src/${n.aggregate}.ts`;
  const file = new Project({ useInMemoryFileSystem: true }).createSourceFile(path, tree.read(path, 'utf-8') ?? '');
  const state = file.getInterface(`${n.Aggregate}State`);
  if (!state) {
    if (file.getTypeAlias(`${n.Aggregate}State`)) return [];
    throw notLaidOut(path, `interface ${n.Aggregate}State`);
  }
  return state.getProperties().map((property) => {
    const name = property.getName();
    const n2 = names(name);
    const types = property
      .getTypeNodeOrThrow()
      .getText()
      .split('|')
      .map((t) => t.trim());
    const optional = types.includes('null');
    const type = types.find((t) => t !== 'null') ?? 'string';
    const column = n2.fileName.replace(/-/g, '_');
    const values =
      type === `${n.Aggregate}${n2.className}`
        ? (file
            .getVariableDeclaration(`${n.AGGREGATE}_${column.toUpperCase()}_VALUES`)
            ?.getInitializer()
            ?.getFirstDescendantByKind(SyntaxKind.ArrayLiteralExpression)
            ?.getElements()
            .map((e) => e.getText().replace(/^'|'$/g, '')) ?? [])
        : [];
    const kinds: Record<string, FieldType> = { number: 'int', boolean: 'boolean', Date: 'timestamp', Money: 'money' };
    return {
      name,
      Name: n2.className,
      column,
      type: values.length ? 'enum' : (kinds[type] ?? 'string'),
      optional,
      values,
    };
  });
}
