import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, logger, Tree } from '@nx/devkit';
import { ObjectLiteralExpression, SyntaxKind } from 'ts-morph';
import { afterGeneration } from '../../utils/after-generation';
import { contextNames, ContextNames, GeneratorInputError } from '../../utils/context-names';
import { aggregatesOf } from '../../utils/context-sources';
import { parseFields } from '../../utils/fields';
import { appendToArrayVariable, editTypeScript, importNamed, notLaidOut } from '../../utils/ts-source';
import { readManifests } from '../../utils/workspace';
import { fieldSubstitutions } from '../bounded-context/bounded-context';
import { AggregateSchema } from './schema';

/** Files of the context generator that hold the whole context: edited here, never written again. */
const CONTEXT_WIDE = [
  /\/project\.json$/,
  /\/index\.ts$/,
  /-application\.ts$/,
  /-controllers\.ts$/,
  /-database\.ts$/,
  /-infrastructure\.module\.ts$/,
  /-proto\.ts$/,
  /\.proto$/,
];

/**
 * A second (third…) aggregate in an existing context, written by the bounded-context generator's own templates:
 * its domain, create command and get/list queries, its table and migration, its REST routes and its own gRPC
 * service in the context's package, its events on the context's topic under its own aggregate type. The files that
 * list the context's parts (providers, controllers, migrations, contracts, services) get it added through the AST.
 */
export async function aggregateGenerator(tree: Tree, options: AggregateSchema): Promise<GeneratorCallback> {
  const manifest = readManifests(tree).find((m) => m.kind === 'context' && m.name === options.context);
  if (!manifest)
    throw new GeneratorInputError(`no context named "${options.context}" (no apps/*/context.manifest.json names it)`);
  const n = contextNames(options.context, options.name);
  const existing = aggregatesOf(tree, n.context);
  if (existing.length === 0) throw new GeneratorInputError(`libs/${n.context} was not generated with @bascule/plugin`);
  if (existing.includes(n.Aggregate)) throw new GeneratorInputError(`${n.Aggregate} exists already in ${n.context}`);
  const first = contextNames(n.context, existing[0]);
  if (first.aggregates === n.aggregates || first.aggregateTable === n.aggregateTable)
    throw new GeneratorInputError(`${n.Aggregate} would share ${first.Aggregate}'s routes or table`);
  const fields = parseFields(options.fields);
  const timestamp = String(Date.now());
  const rendered = renderTemplates(tree, {
    ...n,
    ...fieldSubstitutions(n.Aggregate, n.AGGREGATE, fields),
    httpPort: 0,
    grpcPort: 0,
    legacy: null,
    timestamp,
    tableFile: undefined,
    grpcServiceConst: `${n.AGGREGATE}_GRPC_SERVICE`,
    secondAggregate: true,
    tmpl: '',
  });
  const events = `libs/${n.context}/contracts/src/${n.context}-events.v1.ts`;
  for (const [path, content] of rendered) {
    if (path.startsWith('apps/') || path.startsWith('docker/') || CONTEXT_WIDE.some((wide) => wide.test(path))) {
      continue;
    }
    const target = path === events ? `libs/${n.context}/contracts/src/${n.aggregate}-events.v1.ts` : path;
    if (tree.exists(target)) throw new GeneratorInputError(`${target} exists already`);
    tree.write(target, content);
  }
  addToDomainAndContracts(tree, n, rendered.get(`libs/${n.context}/contracts/src/proto/${n.context}.proto`) ?? '');
  addToApplication(tree, n);
  addToInfrastructure(tree, n, timestamp);
  addToInterfaceAndService(tree, n);
  await formatFiles(tree);
  logger.info(
    `${n.Aggregate}: REST /${n.aggregates}, gRPC ${n.grpcPackage}.${n.grpcService}, table ${n.aggregateTable}`,
  );
  return afterGeneration(tree);
}

/** The bounded-context templates rendered for this aggregate, kept apart from the tree. */
function renderTemplates(tree: Tree, substitutions: Record<string, unknown>): Map<string, string> {
  const rendered = new Map<string, string>();
  const capture = new Proxy(tree, {
    get: (target, key) =>
      key === 'write'
        ? (path: string, content: Buffer | string) => rendered.set(path, content.toString())
        : key === 'exists'
          ? (path: string) => rendered.has(path)
          : Reflect.get(target, key),
  });
  generateFiles(capture, join(__dirname, '../bounded-context/files'), '.', substitutions);
  return rendered;
}

function addToDomainAndContracts(tree: Tree, n: ContextNames, renderedProto: string): void {
  const domain = `libs/${n.context}/domain/src`;
  editTypeScript(tree, `${domain}/index.ts`, (file) => {
    for (const module of [n.aggregate, `${n.aggregate}-id`, `${n.aggregate}.errors`, `${n.aggregate}.events`])
      file.addExportDeclaration({ moduleSpecifier: `./${module}` });
  });
  const contracts = `libs/${n.context}/contracts/src`;
  editTypeScript(tree, `${contracts}/index.ts`, (file) =>
    file.addExportDeclaration({ moduleSpecifier: `./${n.aggregate}-events.v1` }),
  );
  editTypeScript(tree, `${contracts}/${n.context}-events.v1.ts`, (file) => {
    importNamed(file, `./${n.aggregate}-events.v1`, [`${n.aggregateProperty}EventContracts`]);
    appendToArrayVariable(file, `${n.contextProperty}EventContracts`, `...${n.aggregateProperty}EventContracts`);
  });
  editTypeScript(tree, `${contracts}/${n.context}-proto.ts`, (file) => {
    const service = file.getVariableStatement(`${n.CONTEXT}_GRPC_SERVICE`);
    if (!service) throw notLaidOut(`${contracts}/${n.context}-proto.ts`, `${n.CONTEXT}_GRPC_SERVICE`);
    file.insertStatements(
      service.getChildIndex() + 1,
      `export const ${n.AGGREGATE}_GRPC_SERVICE = '${n.grpcService}';`,
    );
  });
  // The proto is not TypeScript: the aggregate's service and messages, as the template renders them, are appended.
  const proto = `${contracts}/proto/${n.context}.proto`;
  const source = tree.read(proto, 'utf-8');
  const start = renderedProto.indexOf(`service ${n.grpcService} {`);
  if (source === null || start < 0) throw notLaidOut(proto, `service ${n.grpcService}`);
  const money = 'import "bascule/shared/v1/money.proto";';
  const withImport =
    renderedProto.includes(money) && !source.includes(money)
      ? source.replace(/^(package [^;]+;\n)/m, `$1\n${money}\n`)
      : source;
  tree.write(proto, `${withImport.trimEnd()}\n\n${renderedProto.slice(start)}`);
}

function addToApplication(tree: Tree, n: ContextNames): void {
  const app = `libs/${n.context}/application/src`;
  const handlers: [string, string][] = [
    [`${n.Aggregate}Changes`, `./${n.aggregate}-changes`],
    [`Create${n.Aggregate}Handler`, `./commands/create-${n.aggregate}/create-${n.aggregate}.handler`],
    [`Get${n.Aggregate}Handler`, `./queries/get-${n.aggregate}/get-${n.aggregate}.handler`],
    [`List${n.Aggregates}Handler`, `./queries/list-${n.aggregates}/list-${n.aggregates}.handler`],
  ];
  editTypeScript(tree, `${app}/${n.context}-application.ts`, (file) => {
    for (const [name, module] of handlers) {
      importNamed(file, module, [name]);
      appendToArrayVariable(file, `${n.contextProperty}ApplicationProviders`, name);
    }
  });
  editTypeScript(tree, `${app}/index.ts`, (file) => {
    for (const module of [
      `${n.aggregate}-changes`,
      `commands/create-${n.aggregate}/create-${n.aggregate}.command`,
      `ports/${n.aggregate}-read-model`,
      `ports/${n.aggregate}.repository`,
      `queries/get-${n.aggregate}/get-${n.aggregate}.query`,
      `queries/list-${n.aggregates}/list-${n.aggregates}.query`,
    ])
      file.addExportDeclaration({ moduleSpecifier: `./${module}` });
  });
}

/** The array `key: [...]` of an object literal. */
function arrayProperty(object: ObjectLiteralExpression | undefined, key: string, path: string) {
  const array = object
    ?.getProperty(key)
    ?.asKind(SyntaxKind.PropertyAssignment)
    ?.getInitializer()
    ?.asKind(SyntaxKind.ArrayLiteralExpression);
  if (!array) throw notLaidOut(path, `${key}: [...]`);
  return array;
}

function addToInfrastructure(tree: Tree, n: ContextNames, timestamp: string): void {
  const infra = `libs/${n.context}/infrastructure/src`;
  const migration = `Create${n.Aggregates}${timestamp}`;
  const database = `${infra}/${n.context}-database.ts`;
  editTypeScript(tree, database, (file) => {
    importNamed(file, `./migrations/${timestamp}-create-${n.aggregates}`, [migration]);
    const object = file
      .getVariableDeclaration(`${n.contextProperty}Database`)
      ?.getInitializer()
      ?.asKind(SyntaxKind.ObjectLiteralExpression);
    arrayProperty(object, 'migrations', database).addElement(migration);
  });
  const module = `${infra}/${n.context}-infrastructure.module.ts`;
  editTypeScript(tree, module, (file) => {
    importNamed(file, `@bascule/${n.context}/application`, [`${n.AGGREGATE}_READ_MODEL`, `${n.AGGREGATE}_REPOSITORY`]);
    importNamed(file, `./persistence/pg-${n.aggregate}.read-model`, [`Pg${n.Aggregate}ReadModel`]);
    importNamed(file, `./persistence/${n.aggregate}.table`, [`${n.aggregateProperty}Table`]);
    const object = file
      .getClass(`${n.Context}InfrastructureModule`)
      ?.getDecorator('Module')
      ?.getArguments()[0]
      ?.asKind(SyntaxKind.ObjectLiteralExpression);
    arrayProperty(object, 'providers', module).addElements([
      `{ provide: ${n.AGGREGATE}_REPOSITORY, inject: [DataSource, OutboxWriter, CLOCK], useFactory: (dataSource: DataSource, outbox: OutboxWriter, clock: Clock) => new PgAggregateStore(poolOf(dataSource), ${n.aggregateProperty}Table(clock), outbox) }`,
      `{ provide: ${n.AGGREGATE}_READ_MODEL, useClass: Pg${n.Aggregate}ReadModel }`,
    ]);
    arrayProperty(object, 'exports', module).addElements([`${n.AGGREGATE}_REPOSITORY`, `${n.AGGREGATE}_READ_MODEL`]);
  });
}

function addToInterfaceAndService(tree: Tree, n: ContextNames): void {
  editTypeScript(tree, `libs/${n.context}/interface/src/${n.context}-controllers.ts`, (file) => {
    importNamed(file, `./rest/${n.aggregates}.controller`, [`${n.Aggregates}Controller`]);
    importNamed(file, `./grpc/${n.aggregate}-grpc.controller`, [`${n.Aggregate}GrpcController`]);
    appendToArrayVariable(file, `${n.contextProperty}Controllers`, `${n.Aggregates}Controller`);
    appendToArrayVariable(file, `${n.contextProperty}Controllers`, `${n.Aggregate}GrpcController`);
  });
  const path = `apps/${n.service}/src/${n.service}.ts`;
  editTypeScript(tree, path, (file) => {
    importNamed(file, `@bascule/${n.context}/contracts`, [`${n.AGGREGATE}_GRPC_SERVICE`]);
    const service = file
      .getVariableDeclaration(`${n.contextProperty}Service`)
      ?.getInitializer()
      ?.asKind(SyntaxKind.ObjectLiteralExpression);
    const grpc = service?.getProperty('grpc')?.asKind(SyntaxKind.PropertyAssignment)?.getInitializer();
    arrayProperty(grpc?.asKind(SyntaxKind.ObjectLiteralExpression), 'services', path).addElement(
      `${n.AGGREGATE}_GRPC_SERVICE`,
    );
    arrayProperty(service, 'restPaths', path).addElement(`'/${n.aggregates}'`);
    const openApi = service?.getProperty('openApi')?.asKind(SyntaxKind.PropertyAssignment)?.getInitializer();
    arrayProperty(openApi?.asKind(SyntaxKind.ObjectLiteralExpression), 'tags', path).addElement(
      `{ name: '${n.aggregates}', description: 'Create, read and list ${n.aggregates.replace(/-/g, ' ')}.' }`,
    );
  });
}

export default aggregateGenerator;
