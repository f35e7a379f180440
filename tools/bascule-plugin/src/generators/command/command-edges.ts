import { names, Tree } from '@nx/devkit';
import { ClassDeclaration, Node, Project, SyntaxKind, VariableDeclarationKind } from 'ts-morph';
import { ContextNames, useCaseNames } from '../../utils/context-names';
import { editSource, grpcServiceConstant } from '../../utils/context-sources';
import { fieldLayers } from '../../utils/field-layers';
import { Field } from '../../utils/fields';
import {
  appendToArrayVariable,
  declareMoneyRules,
  editTypeScript,
  importNamed,
  notLaidOut,
} from '../../utils/ts-source';

type UseCase = ReturnType<typeof useCaseNames>;

const commandsController = (n: ContextNames) => `import { Controller, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Get${n.Aggregate}Query, ${n.Aggregate}View } from '@bascule/${n.context}/application';
import { AggregateCommand } from '@bascule/shared/application';
import { Roles } from '@bascule/shared/auth';
import { ChangeOperation, ChangeRequest, EtagInterceptor } from '@bascule/shared/http';
import { ${n.Aggregate}Schema } from './${n.aggregate}.schemas';

const answer = ${n.Aggregate}Schema;

/** Changes of one ${n.aggregate.replace(/-/g, ' ')}: each requires If-Match and answers with it and its new ETag. */
@ApiTags('${n.aggregates}')
@Controller('${n.aggregates}/:id')
@UseInterceptors(EtagInterceptor)
export class ${n.Aggregates}CommandsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async run(command: AggregateCommand<unknown>): Promise<${n.Aggregate}View> {
    const { id } = await this.commands.execute(command);
    return this.queries.execute(new Get${n.Aggregate}Query(id));
  }
}
`;

/**
 * How the context's routes and rpcs name one aggregate, read back from what is there: `id` by default; another
 * path parameter (inventory's `stock-items/:sku`) with its ResourceKey (`key: SKU_KEY` on the routes) and the
 * rpcs' id function (`RpcChange(Request, stockItemIdOf)`) and shared request fields (`...change`), which a new
 * command reuses.
 */
export interface AggregateKey {
  param: string;
  restKey?: string;
  rpcIdOf?: string;
  rpcChange?: string;
}

const keyOfRoutes = (controller: ClassDeclaration | undefined): Pick<AggregateKey, 'param' | 'restKey'> => {
  const route = controller?.getDecorator('Controller')?.getArguments()[0]?.getText() ?? '';
  const param = /\/:([A-Za-z]+)'$/.exec(route)?.[1] ?? 'id';
  const restKey = controller
    ?.getMethods()
    .flatMap((m) => m.getDecorator('ChangeOperation')?.getArguments()[1] ?? [])
    .flatMap((options) => (Node.isObjectLiteralExpression(options) ? [options.getProperty('key')] : []))
    .find(Node.isPropertyAssignment)
    ?.getInitializer()
    ?.getText();
  return { param, ...(restKey ? { restKey } : {}) };
};

export function aggregateKey(tree: Tree, n: ContextNames): AggregateKey {
  const read = (path: string) => {
    const text = tree.read(path, 'utf-8');
    return text === null ? undefined : new Project({ useInMemoryFileSystem: true }).createSourceFile(path, text);
  };
  const rest = read(`libs/${n.context}/interface/src/rest/${n.aggregates}-commands.controller.ts`);
  const grpc = `libs/${n.context}/interface/src/grpc/${n.aggregate}-grpc`;
  const rpcIdOf = read(`${grpc}.controller.ts`)
    ?.getClass(`${n.Aggregate}GrpcController`)
    ?.getDescendantsOfKind(SyntaxKind.Decorator)
    .find((d) => d.getName() === 'RpcChange' && d.getArguments().length === 2)
    ?.getArguments()[1]
    .getText();
  const rpcChange = read(`${grpc}.schemas.ts`)?.getVariableDeclaration('change') ? 'change' : undefined;
  return {
    ...keyOfRoutes(rest?.getClass(`${n.Aggregates}CommandsController`)),
    ...(rpcIdOf ? { rpcIdOf } : {}),
    ...(rpcChange ? { rpcChange } : {}),
  };
}

/** `<UseCase>Body`: the command's fields, with the rules of a create body. */
function addBodySchema(tree: Tree, n: ContextNames, u: UseCase, fields: Field[]): void {
  const L = fieldLayers(n.Aggregate, n.AGGREGATE);
  const path = `libs/${n.context}/interface/src/rest/${n.aggregate}.schemas.ts`;
  const properties = fields
    .map((f) => `${f.name}: ${f.optional ? `Type.Optional(${L.requestSchema(f)})` : L.requestSchema(f)}`)
    .join(', ');
  editTypeScript(tree, path, (file) => {
    if (!file.getVariableDeclaration('closed')) throw notLaidOut(path, 'const closed');
    file.addVariableStatement({
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      declarations: [{ name: `${u.UseCase}Body`, initializer: `Type.Object({ ${properties} }, closed)` }],
    });
    file.addTypeAlias({ name: `${u.UseCase}Body`, isExported: true, type: `Static<typeof ${u.UseCase}Body>` });
    if (fields.some((f) => f.type === 'money')) declareMoneyRules(file);
  });
}

/** `POST /<aggregates>/{id}/<use-case>` with If-Match, in the context's commands controller (made on first use). */
export function addChangeRoute(
  tree: Tree,
  n: ContextNames,
  u: UseCase,
  fields: Field[],
  role = n.writeRole,
  key: AggregateKey = { param: 'id' },
): void {
  const path = `libs/${n.context}/interface/src/rest/${n.aggregates}-commands.controller.ts`;
  if (!tree.exists(path)) {
    tree.write(path, commandsController(n));
    editTypeScript(tree, `libs/${n.context}/interface/src/${n.context}-controllers.ts`, (file) => {
      importNamed(file, `./rest/${n.aggregates}-commands.controller`, [`${n.Aggregates}CommandsController`]);
      appendToArrayVariable(file, `${n.contextProperty}Controllers`, `${n.Aggregates}CommandsController`);
    });
  }
  if (fields.length) addBodySchema(tree, n, u, fields);
  const summary = `${u.useCase.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())}`;
  const body = fields.length ? `${u.UseCase}Body` : undefined;
  editTypeScript(tree, path, (file) => {
    const controller = file.getClass(`${n.Aggregates}CommandsController`);
    const run = controller?.getMethod('run');
    if (!controller || !run) throw notLaidOut(path, `${n.Aggregates}CommandsController with its run()`);
    importNamed(file, `@bascule/${n.context}/application`, [`${u.UseCase}Command`]);
    if (body) importNamed(file, `./${n.aggregate}.schemas`, [body]);
    controller.insertMethod(run.getChildIndex(), {
      name: u.useCaseProperty,
      decorators: [
        { name: 'Roles', arguments: [`'${role}'`] },
        {
          name: 'ChangeOperation',
          arguments: [
            `'${u.useCase}'`,
            `{ summary: '${summary}', answer${body ? `, body: ${body}` : ''}${key.restKey ? `, key: ${key.restKey}` : ''} }`,
          ],
        },
      ],
      parameters: [
        {
          name: body ? '{ target, body }' : '{ target }',
          type: body ? `ChangeRequest<${body}>` : 'ChangeRequest',
          decorators: [
            {
              name: 'ChangeRequest',
              arguments: key.restKey ? [body ?? 'undefined', key.restKey] : body ? [body] : [],
            },
          ],
        },
      ],
      statements: `return this.run(new ${u.UseCase}Command(target${body ? ', body' : ''}));`,
    });
  });
}

/** `rpc <UseCase> (<request>) returns (<Aggregate>Ref)` and its controller method. */
export function addChangeRpc(
  tree: Tree,
  n: ContextNames,
  u: UseCase,
  fields: Field[],
  role = n.writeRole,
  key: AggregateKey = { param: 'id' },
): void {
  const L = fieldLayers(n.Aggregate, n.AGGREGATE);
  const request = fields.length ? `${u.UseCase}Request` : `${n.Aggregate}VersionRequest`;
  const message = [
    `string ${names(key.param).fileName.replace(/-/g, '_')} = 1;`,
    'int32 expected_version = 2;',
    ...fields.map((f, i) => L.protoField(f, i + 3)),
  ].map((line) => `  ${line}\n`);
  // The proto is not TypeScript: the rpc goes before the closing brace of the aggregate's service, as text.
  editSource(tree, `libs/${n.context}/contracts/src/proto/${n.context}.proto`, (source) => {
    const service = source.indexOf(`service ${n.grpcService} {`);
    const end = service < 0 ? -1 : source.indexOf('\n}\n', service);
    if (end < 0) return undefined;
    const withRpc = `${source.slice(0, end)}\n  rpc ${u.UseCase} (${request}) returns (${n.Aggregate}Ref);${source.slice(end)}`;
    if (withRpc.includes(`message ${request} `)) return withRpc;
    const imported = fields.some((f) => f.type === 'money') && !withRpc.includes('bascule/shared/v1/money.proto');
    const withImport = imported
      ? withRpc.replace(/^(package [^;]+;\n)/m, '$1\nimport "bascule/shared/v1/money.proto";\n')
      : withRpc;
    return `${withImport.trimEnd()}\n\nmessage ${request} {\n${message.join('')}}\n`;
  });
  const grpc = `libs/${n.context}/interface/src/grpc`;
  editTypeScript(tree, `${grpc}/${n.aggregate}-grpc.schemas.ts`, (file) => {
    if (file.getVariableDeclaration(request)) return;
    const properties = [
      ...(key.rpcChange
        ? [`...${key.rpcChange}`]
        : [key.param, 'expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 })']),
      ...fields.map((f) => `${f.name}: ${f.optional ? `Type.Optional(${L.requestSchema(f)})` : L.requestSchema(f)}`),
    ];
    file.addVariableStatement({
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: [`A change of one ${n.aggregate.replace(/-/g, ' ')}: which, at which version (0, unset, is refused).`],
      declarations: [{ name: request, initializer: `Type.Object({ ${properties.join(', ')} })` }],
    });
    file.addTypeAlias({ name: request, isExported: true, type: `Static<typeof ${request}>` });
    if (fields.some((f) => f.type === 'money')) declareMoneyRules(file);
  });
  const path = `${grpc}/${n.aggregate}-grpc.controller.ts`;
  editTypeScript(tree, path, (file) => {
    const controller = file.getClass(`${n.Aggregate}GrpcController`);
    if (!controller) throw notLaidOut(path, `class ${n.Aggregate}GrpcController`);
    importNamed(file, `@bascule/${n.context}/application`, [`${u.UseCase}Command`]);
    importNamed(file, `./${n.aggregate}-grpc.schemas`, [request]);
    importNamed(file, '@bascule/shared/grpc', ['RpcChange']);
    const data = fields.length ? `, { ${fields.map((f) => `${f.name}: request.${f.name}`).join(', ')} }` : '';
    controller.addMethod({
      name: u.useCaseProperty,
      decorators: [
        { name: 'GrpcMethod', arguments: [grpcServiceConstant(tree, n), `'${u.UseCase}'`] },
        { name: 'Roles', arguments: [`'${role}'`] },
      ],
      parameters: [
        {
          name: fields.length ? '{ target, request }' : '{ target }',
          type: `RpcChange<${request}>`,
          decorators: [{ name: 'RpcChange', arguments: key.rpcIdOf ? [request, key.rpcIdOf] : [request] }],
        },
      ],
      statements: `return this.commands.execute(new ${u.UseCase}Command(target${data}));`,
    });
  });
}
