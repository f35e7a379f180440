import { Tree } from '@nx/devkit';
import { Node, ObjectLiteralExpression, Scope, SourceFile, SyntaxKind } from 'ts-morph';
import { ContextNames } from '../../utils/context-names';
import { fieldLayers } from '../../utils/field-layers';
import { editTypeScript, importNamed, notLaidOut } from '../../utils/ts-source';
import { EntityNames } from './entity';

/** The child table in the root's table, its migration, and the children in the root's view. */
export function addToStorage(tree: Tree, n: ContextNames, e: EntityNames, timestamp: string): void {
  addChildTable(tree, n, e);
  addMigration(tree, n, e, timestamp);
  addToView(tree, n, e);
  addToPgReadModel(tree, n, e);
}

/** The object literal an arrow function `const <name> = (...) => ({ ... })` returns. */
function returnedObject(file: SourceFile, name: string): ObjectLiteralExpression | undefined {
  const arrow = file.getVariableDeclaration(name)?.getInitializer()?.asKind(SyntaxKind.ArrowFunction);
  const body = arrow?.getBody();
  return body && Node.isParenthesizedExpression(body)
    ? body.getExpression().asKind(SyntaxKind.ObjectLiteralExpression)
    : undefined;
}

function addChildTable(tree: Tree, n: ContextNames, e: EntityNames): void {
  const path = `libs/${n.context}/infrastructure/src/persistence/${n.aggregate}.table.ts`;
  const table = `${e.entityProperty}Table`;
  editTypeScript(tree, path, (file) => {
    const object = returnedObject(file, `${n.aggregateProperty}Table`);
    const toAggregate = object
      ?.getProperty('toAggregate')
      ?.asKind(SyntaxKind.PropertyAssignment)
      ?.getInitializer()
      ?.asKind(SyntaxKind.ArrowFunction);
    const reconstitute = toAggregate
      ?.getDescendantsOfKind(SyntaxKind.CallExpression)
      .find((call) => call.getExpression().getText() === `${n.Aggregate}.reconstitute`);
    if (!object || !toAggregate || !reconstitute)
      throw notLaidOut(path, `${n.aggregateProperty}Table with toAggregate: (row) => ${n.Aggregate}.reconstitute(...)`);
    importNamed(file, `./${e.entity}.table`, [table, `${e.entityProperty}Of`]);
    const children = object.getProperty('children')?.asKind(SyntaxKind.PropertyAssignment);
    if (children) children.getInitializerIfKindOrThrow(SyntaxKind.ArrayLiteralExpression).addElement(table);
    else
      object.insertPropertyAssignment(
        Math.max(
          0,
          object.getProperties().findIndex((p) => p.getText().startsWith('toRow')),
        ),
        {
          name: 'children',
          initializer: `[${table}]`,
        },
      );
    if (toAggregate.getParameters().length < 2) toAggregate.addParameter({ name: 'children' });
    reconstitute.addArgument(`children.of(${table}).map(${e.entityProperty}Of)`);
  });
}

function addMigration(tree: Tree, n: ContextNames, e: EntityNames, timestamp: string): void {
  const path = `libs/${n.context}/infrastructure/src/${n.context}-database.ts`;
  const migration = `Create${e.TableClass}${timestamp}`;
  editTypeScript(tree, path, (file) => {
    const migrations = file
      .getVariableDeclaration(`${n.contextProperty}Database`)
      ?.getInitializer()
      ?.asKind(SyntaxKind.ObjectLiteralExpression)
      ?.getProperty('migrations')
      ?.asKind(SyntaxKind.PropertyAssignment)
      ?.getInitializer()
      ?.asKind(SyntaxKind.ArrayLiteralExpression);
    if (!migrations) throw notLaidOut(path, `${n.contextProperty}Database with migrations: [...]`);
    importNamed(file, `./migrations/${timestamp}-create-${e.tableFile}`, [migration]);
    migrations.addElement(migration);
  });
}

/** `<Entity>View` in the read-model port, the root's view holding them, and `[]` in the view fixture. */
function addToView(tree: Tree, n: ContextNames, e: EntityNames): void {
  const L = fieldLayers(n.Aggregate, n.AGGREGATE);
  const app = `libs/${n.context}/application/src`;
  const port = `${app}/ports/${n.aggregate}-read-model.ts`;
  editTypeScript(tree, port, (file) => {
    const view = file.getInterface(`${n.Aggregate}View`);
    if (!view) throw notLaidOut(port, `interface ${n.Aggregate}View`);
    file.insertInterface(view.getChildIndex(), {
      name: `${e.Entity}View`,
      isExported: true,
      properties: [{ name: 'id', type: 'string' }, ...e.fields.map((f) => ({ name: f.name, type: L.plainType(f) }))],
    });
    const createdAt = view.getProperty('createdAt');
    view.insertProperty(createdAt ? createdAt.getChildIndex() : view.getProperties().length, {
      name: e.entitiesProperty,
      type: `${e.Entity}View[]`,
    });
    if (e.fields.some((f) => f.type === 'money')) importNamed(file, '@bascule/shared/contracts', ['MoneyJson']);
    const enums = e.fields.filter((f) => f.type === 'enum').map((f) => L.enumType(f));
    if (enums.length) importNamed(file, `@bascule/${n.context}/domain`, enums);
  });
  const memory = `${app}/testing/in-memory-${n.aggregate}.read-model.ts`;
  editTypeScript(tree, memory, (file) => {
    const fixture = returnedObject(file, `a${n.Aggregate}View`);
    const overrides = fixture?.getProperties().find((p) => Node.isSpreadAssignment(p));
    if (!fixture || !overrides) throw notLaidOut(memory, `a${n.Aggregate}View returning { ..., ...overrides }`);
    fixture.insertPropertyAssignment(fixture.getProperties().indexOf(overrides), {
      name: e.entitiesProperty,
      initializer: '[]',
    });
  });
}

/**
 * The PostgreSQL read model reads the children of the rows it answers in one more query per child table
 * (`views`), whatever the number of rows, and every `view(row)` of the generated queries goes through it; in the
 * caller's transaction, if any (a creation under Idempotency-Key answers from inside the key's transaction).
 */
function addToPgReadModel(tree: Tree, n: ContextNames, e: EntityNames): void {
  const path = `libs/${n.context}/infrastructure/src/persistence/pg-${n.aggregate}.read-model.ts`;
  const rows = `${e.entityProperty}Rows`;
  const query =
    `const ${rows} = await executorOf(this.pool).query<${e.Entity}Row>(` +
    `'SELECT * FROM ${e.table} WHERE ${e.parentColumn} = ANY($1) ORDER BY ${e.parentColumn}, position', [ids]);`;
  const children = `${e.entitiesProperty}: ${rows}.filter((child) => child.${e.parentColumn} === row.id).map(${e.entityProperty}ViewOf)`;
  editTypeScript(tree, path, (file) => {
    const model = file.getClass(`Pg${n.Aggregate}ReadModel`);
    if (!model || !file.getVariableDeclaration('view')) throw notLaidOut(path, `Pg${n.Aggregate}ReadModel and view()`);
    importNamed(file, `./${e.entity}.table`, [`${e.Entity}Row`, `${e.entityProperty}ViewOf`]);
    importNamed(file, '@bascule/shared/persistence', ['executorOf']);
    // `view(row)` answers the root's own columns; `views` adds the children.
    const view = file.getVariableDeclarationOrThrow('view').getInitializerIfKindOrThrow(SyntaxKind.ArrowFunction);
    const answered = view.getReturnTypeNodeOrThrow();
    const omitted = answered.asKind(SyntaxKind.TypeReference)?.getTypeArguments()[1];
    if (omitted) omitted.replaceWithText(`${omitted.getText()} | '${e.entitiesProperty}'`);
    else view.setReturnType(`Omit<${answered.getText()}, '${e.entitiesProperty}'>`);
    const views = model.getMethod('views');
    if (views) {
      const answer = views.getStatements().at(-1);
      const object = answer?.getFirstDescendantByKind(SyntaxKind.ObjectLiteralExpression);
      if (!answer || !object) throw notLaidOut(path, 'views() returning rows.map((row) => ({ ...view(row), ... }))');
      views.insertStatements(answer.getChildIndex(), query);
      object.addPropertyAssignment({ name: e.entitiesProperty, initializer: children.split(': ').slice(1).join(': ') });
      return;
    }
    // Every `view(x)` and `.map(view)` of the class: answered with the children.
    for (const call of model.getDescendantsOfKind(SyntaxKind.CallExpression).reverse()) {
      if (call.wasForgotten()) continue;
      const [argument] = call.getArguments();
      if (call.getExpression().getText() === 'view' && argument)
        call.replaceWithText(`(await this.views([${argument.getText()}]))[0]`);
      else if (
        Node.isPropertyAccessExpression(call.getExpression()) &&
        call.getExpression().getText().endsWith('.map') &&
        argument?.getText() === 'view'
      )
        call.replaceWithText(
          `await this.views(${call.getExpression().asKindOrThrow(SyntaxKind.PropertyAccessExpression).getExpression().getText()})`,
        );
    }
    model.addMethod({
      name: 'views',
      scope: Scope.Private,
      isAsync: true,
      docs: [`The views of \`rows\` with their children, one query per child table.`],
      parameters: [{ name: 'rows', type: `${n.Aggregate}Row[]` }],
      returnType: `Promise<${n.Aggregate}View[]>`,
      statements: [
        'const ids = rows.map((row) => row.id);',
        query,
        `return rows.map((row) => ({ ...view(row), ${children} }));`,
      ],
    });
  });
}
