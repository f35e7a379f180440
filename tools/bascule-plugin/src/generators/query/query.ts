import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, names, Tree } from '@nx/devkit';
import { GeneratorInputError, useCaseNames } from '../../utils/context-names';
import {
  addNamedImport,
  before,
  editSource,
  existingContext,
  pipe,
  registerUseCase,
} from '../../utils/context-sources';
import { QuerySchema } from './schema';

/**
 * One query of an existing context: the aggregates whose field has a value, from the read model (SQL on the
 * context's table and in memory for specs), over REST and gRPC.
 */
export async function queryGenerator(tree: Tree, options: QuerySchema): Promise<GeneratorCallback> {
  const n = existingContext(tree, options.context, options.aggregate);
  const u = useCaseNames(options.name);
  const field = names(options.field).propertyName;
  const Field = names(options.field).className;
  const column = names(options.field).fileName.replace(/-/g, '_');
  const finder = `findBy${Field}`;
  const app = `libs/${n.context}/application/src`;
  const port = `${app}/ports/${n.aggregate}-read-model.ts`;
  const view =
    new RegExp(`export interface ${n.Aggregate}View \\{([^}]*)\\}`).exec(tree.read(port, 'utf-8') ?? '')?.[1] ?? '';
  if (!new RegExp(`\\b${field}: string;`).test(view))
    throw new GeneratorInputError(`${n.Aggregate}View has no text field "${field}" (${port})`);
  if (tree.exists(`${app}/queries/${u.useCase}`))
    throw new GeneratorInputError(`${app}/queries/${u.useCase} exists already`);

  generateFiles(tree, join(__dirname, 'files'), '.', { ...n, ...u, field, finder, tmpl: '' });
  editSource(
    tree,
    port,
    before(
      /\n {2}list\(/,
      `\n  /** Those whose ${field} is exactly \`${field}\`, oldest first, 100 at most. */\n  ${finder}(${field}: string): Promise<${n.Aggregate}View[]>;`,
    ),
  );
  editSource(
    tree,
    `${app}/testing/in-memory-${n.aggregate}.read-model.ts`,
    before(
      /\n {2}async list\(/,
      `\n  async ${finder}(${field}: string): Promise<${n.Aggregate}View[]> {\n    return this.views.filter((view) => view.${field} === ${field}).slice(0, 100);\n  }\n`,
    ),
  );
  editSource(
    tree,
    `libs/${n.context}/infrastructure/src/persistence/pg-${n.aggregate}.read-model.ts`,
    before(
      /\n {2}async list\(/,
      `\n  async ${finder}(${field}: string): Promise<${n.Aggregate}View[]> {\n    const sql = 'SELECT * FROM ${n.aggregateTable} WHERE ${column} = $1 ORDER BY created_at, id LIMIT 100';\n` +
        `    const { rows } = await this.pool.query<${n.Aggregate}Row>(sql, [${field}]);\n    return rows.map(view);\n  }\n`,
    ),
  );
  registerUseCase(tree, n, u, 'query');
  addEdges(tree, n, u, field);
  await formatFiles(tree);
  return () => undefined;
}

function addEdges(
  tree: Tree,
  n: ReturnType<typeof existingContext>,
  u: ReturnType<typeof useCaseNames>,
  field: string,
): void {
  const rest = `libs/${n.context}/interface/src/rest/${n.aggregates}.controller.ts`;
  editSource(
    tree,
    rest,
    pipe(
      addNamedImport(new RegExp(`@bascule/${n.context}/application`), `${u.UseCase}Query`),
      before(
        /\n}\n?$/,
        `\n\n  @Get('by-${names(field).fileName}/:${field}')\n  @Roles('${n.readRole}')\n  @ApiOperation({ summary: '${n.Aggregates} whose ${field} is the one given' })\n` +
          `  @ApiOkResponse({ schema: { type: 'object', properties: { items: { type: 'array', items: asOpenApi(${n.Aggregate}Schema) } } } })\n` +
          `  async ${u.useCaseProperty}(@Param('${field}') ${field}: string): Promise<{ items: ${n.Aggregate}View[] }> {\n` +
          `    return { items: await this.queries.execute(new ${u.UseCase}Query(${field})) };\n  }`,
      ),
    ),
  );
  const request = `${u.UseCase}Request`;
  editSource(
    tree,
    `libs/${n.context}/contracts/src/proto/${n.context}.proto`,
    pipe(
      before(/\n}\n/, `\n  rpc ${u.UseCase} (${request}) returns (${n.Aggregate}List);`),
      (source) =>
        `${source.trimEnd()}\n\nmessage ${request} {\n  string ${names(field).fileName.replace(/-/g, '_')} = 1;\n}\n` +
        (source.includes(`message ${n.Aggregate}List `)
          ? ''
          : `\nmessage ${n.Aggregate}List {\n  repeated ${n.Aggregate} items = 1;\n}\n`),
    ),
  );
  const grpc = `libs/${n.context}/interface/src/grpc`;
  editSource(
    tree,
    `${grpc}/${n.aggregate}-grpc.schemas.ts`,
    (source) =>
      `${source.trimEnd()}\n\nexport const ${request} = Type.Object({ ${field}: Type.String({ minLength: 1, maxLength: 200 }) });\n` +
      `export type ${request} = Static<typeof ${request}>;\n`,
  );
  editSource(
    tree,
    `${grpc}/${n.aggregate}-grpc.controller.ts`,
    pipe(
      addNamedImport(new RegExp(`@bascule/${n.context}/application`), `${u.UseCase}Query`),
      addNamedImport(/\.\/[a-z0-9-]+-grpc\.schemas/, request),
      before(
        /\n}\n?$/,
        `\n\n  @GrpcMethod(${n.CONTEXT}_GRPC_SERVICE, '${u.UseCase}')\n  @Roles('${n.readRole}')\n` +
          `  async ${u.useCaseProperty}(@RpcCall(${request}) { request }: RpcCall<${request}>) {\n` +
          `    return { items: await this.queries.execute(new ${u.UseCase}Query(request.${field})) };\n  }`,
      ),
    ),
  );
}

export default queryGenerator;
