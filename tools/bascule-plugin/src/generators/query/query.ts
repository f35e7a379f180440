import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, names, Tree } from '@nx/devkit';
import { VariableDeclarationKind } from 'ts-morph';
import { ContextNames, GeneratorInputError, useCaseNames } from '../../utils/context-names';
import { editSource, existingContext, grpcServiceConstant, registerUseCase } from '../../utils/context-sources';
import { editTypeScript, importNamed, notLaidOut } from '../../utils/ts-source';
import { QuerySchema } from './schema';

type UseCase = ReturnType<typeof useCaseNames>;

/**
 * One query of an existing context: the aggregates whose field has a value, from the read model (SQL on the
 * context's table and in memory for specs), over REST and gRPC.
 */
export async function queryGenerator(tree: Tree, options: QuerySchema): Promise<GeneratorCallback> {
  const n = existingContext(tree, options.context, options.aggregate);
  const u = useCaseNames(options.name);
  const field = names(options.field).propertyName;
  const app = `libs/${n.context}/application/src`;
  if (tree.exists(`${app}/queries/${u.useCase}`))
    throw new GeneratorInputError(`${app}/queries/${u.useCase} exists already`);
  const finder = `findBy${names(options.field).className}`;
  addFinder(tree, n, field, finder);
  generateFiles(tree, join(__dirname, 'files'), '.', { ...n, ...u, field, finder, tmpl: '' });
  registerUseCase(tree, n, u, 'query');
  addEdges(tree, n, u, field);
  await formatFiles(tree);
  return () => undefined;
}

/** `findBy<Field>` in the read-model port, in memory and in SQL, before `list`. */
function addFinder(tree: Tree, n: ContextNames, field: string, finder: string): void {
  const app = `libs/${n.context}/application/src`;
  const column = names(field).fileName.replace(/-/g, '_');
  const answer = `Promise<${n.Aggregate}View[]>`;
  const parameters = [{ name: field, type: 'string' }];
  const port = `${app}/ports/${n.aggregate}-read-model.ts`;
  editTypeScript(tree, port, (file) => {
    const view = file.getInterface(`${n.Aggregate}View`);
    const model = file.getInterface(`${n.Aggregate}ReadModel`);
    const list = model?.getMethod('list');
    if (!view || !model || !list) throw notLaidOut(port, `${n.Aggregate}View and ${n.Aggregate}ReadModel with list()`);
    if (view.getProperty(field)?.getTypeNode()?.getText() !== 'string')
      throw new GeneratorInputError(`${n.Aggregate}View has no text field "${field}" (${port})`);
    model.insertMethod(list.getChildIndex(), {
      name: finder,
      docs: [`Those whose ${field} is exactly \`${field}\`, oldest first, 100 at most.`],
      parameters,
      returnType: answer,
    });
  });
  const inMemory = `${app}/testing/in-memory-${n.aggregate}.read-model.ts`;
  editTypeScript(tree, inMemory, (file) => {
    const model = file.getClass(`InMemory${n.Aggregate}ReadModel`);
    const list = model?.getMethod('list');
    if (!model || !list) throw notLaidOut(inMemory, `InMemory${n.Aggregate}ReadModel with list()`);
    model.insertMethod(list.getChildIndex(), {
      name: finder,
      isAsync: true,
      parameters,
      returnType: answer,
      statements: `return this.views.filter((view) => view.${field} === ${field}).slice(0, 100);`,
    });
  });
  const pg = `libs/${n.context}/infrastructure/src/persistence/pg-${n.aggregate}.read-model.ts`;
  editTypeScript(tree, pg, (file) => {
    const model = file.getClass(`Pg${n.Aggregate}ReadModel`);
    const list = model?.getMethod('list');
    if (!model || !list) throw notLaidOut(pg, `Pg${n.Aggregate}ReadModel with list()`);
    // With child collections (entity generator), `views` answers the rows with their children.
    const views = model.getMethod('views') ? 'this.views(rows)' : 'rows.map(view)';
    model.insertMethod(list.getChildIndex(), {
      name: finder,
      isAsync: true,
      parameters,
      returnType: answer,
      statements: [
        `const sql = 'SELECT * FROM ${n.aggregateTable} WHERE ${column} = $1 ORDER BY created_at, id LIMIT 100';`,
        `const { rows } = await this.pool.query<${n.Aggregate}Row>(sql, [${field}]);`,
        `return ${views};`,
      ],
    });
  });
}

function addEdges(tree: Tree, n: ContextNames, u: UseCase, field: string): void {
  const rest = `libs/${n.context}/interface/src/rest/${n.aggregates}.controller.ts`;
  editTypeScript(tree, rest, (file) => {
    const controller = file.getClass(`${n.Aggregates}Controller`);
    if (!controller) throw notLaidOut(rest, `class ${n.Aggregates}Controller`);
    importNamed(file, '@nestjs/common', ['Get', 'Param']);
    importNamed(file, '@nestjs/swagger', ['ApiOkResponse', 'ApiOperation']);
    importNamed(file, `@bascule/${n.context}/application`, [`${u.UseCase}Query`, `${n.Aggregate}View`]);
    controller.addMethod({
      name: u.useCaseProperty,
      isAsync: true,
      decorators: [
        { name: 'Get', arguments: [`'by-${names(field).fileName}/:${field}'`] },
        { name: 'Roles', arguments: [`'${n.readRole}'`] },
        { name: 'ApiOperation', arguments: [`{ summary: '${n.Aggregates} whose ${field} is the one given' }`] },
        {
          name: 'ApiOkResponse',
          arguments: [
            `{ schema: { type: 'object', properties: { items: { type: 'array', items: asOpenApi(${n.Aggregate}Schema) } } } }`,
          ],
        },
      ],
      parameters: [{ name: field, type: 'string', decorators: [{ name: 'Param', arguments: [`'${field}'`] }] }],
      returnType: `Promise<{ items: ${n.Aggregate}View[] }>`,
      statements: `return { items: await this.queries.execute(new ${u.UseCase}Query(${field})) };`,
    });
  });

  const request = `${u.UseCase}Request`;
  // The proto is not TypeScript: the rpc goes before the closing brace of the aggregate's service, as text.
  editSource(tree, `libs/${n.context}/contracts/src/proto/${n.context}.proto`, (source) => {
    const service = source.indexOf(`service ${n.grpcService} {`);
    const end = service < 0 ? -1 : source.indexOf('\n}\n', service);
    if (end < 0) return undefined;
    const withRpc = `${source.slice(0, end)}\n  rpc ${u.UseCase} (${request}) returns (${n.Aggregate}List);${source.slice(end)}`;
    const list = withRpc.includes(`message ${n.Aggregate}List `)
      ? ''
      : `\nmessage ${n.Aggregate}List {\n  repeated ${n.Aggregate} items = 1;\n}\n`;
    return `${withRpc.trimEnd()}\n\nmessage ${request} {\n  string ${names(field).fileName.replace(/-/g, '_')} = 1;\n}\n${list}`;
  });
  const grpc = `libs/${n.context}/interface/src/grpc`;
  editTypeScript(tree, `${grpc}/${n.aggregate}-grpc.schemas.ts`, (file) => {
    file.addVariableStatement({
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      declarations: [
        { name: request, initializer: `Type.Object({ ${field}: Type.String({ minLength: 1, maxLength: 200 }) })` },
      ],
    });
    file.addTypeAlias({ name: request, isExported: true, type: `Static<typeof ${request}>` });
  });
  const path = `${grpc}/${n.aggregate}-grpc.controller.ts`;
  editTypeScript(tree, path, (file) => {
    const controller = file.getClass(`${n.Aggregate}GrpcController`);
    if (!controller) throw notLaidOut(path, `class ${n.Aggregate}GrpcController`);
    importNamed(file, `@bascule/${n.context}/application`, [`${u.UseCase}Query`]);
    importNamed(file, `./${n.aggregate}-grpc.schemas`, [request]);
    controller.addMethod({
      name: u.useCaseProperty,
      isAsync: true,
      decorators: [
        { name: 'GrpcMethod', arguments: [grpcServiceConstant(tree, n), `'${u.UseCase}'`] },
        { name: 'Roles', arguments: [`'${n.readRole}'`] },
      ],
      parameters: [
        { name: '{ request }', type: `RpcCall<${request}>`, decorators: [{ name: 'RpcCall', arguments: [request] }] },
      ],
      statements: `return { items: await this.queries.execute(new ${u.UseCase}Query(request.${field})) };`,
    });
  });
}

export default queryGenerator;
