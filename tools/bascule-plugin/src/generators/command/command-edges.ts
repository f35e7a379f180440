import { Tree } from '@nx/devkit';
import { ContextNames, useCaseNames } from '../../utils/context-names';
import { addImport, addNamedImport, appendToArray, before, editSource, pipe } from '../../utils/context-sources';

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

/** `POST /<aggregates>/{id}/<verb>` with If-Match, in the context's commands controller (made on first use). */
export function addChangeRoute(tree: Tree, n: ContextNames, u: UseCase, verb: string): void {
  const path = `libs/${n.context}/interface/src/rest/${n.aggregates}-commands.controller.ts`;
  if (!tree.exists(path)) {
    tree.write(path, commandsController(n));
    editSource(
      tree,
      `libs/${n.context}/interface/src/${n.context}-controllers.ts`,
      pipe(
        addImport(`import { ${n.Aggregates}CommandsController } from './rest/${n.aggregates}-commands.controller';`),
        appendToArray(`${n.contextProperty}Controllers = [`, `${n.Aggregates}CommandsController`),
      ),
    );
  }
  const summary = `${u.useCase.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())}`;
  editSource(
    tree,
    path,
    pipe(
      addNamedImport(new RegExp(`@bascule/${n.context}/application`), `${u.UseCase}Command`),
      before(
        /\n {2}private async run\(/,
        `\n  @Roles('${n.writeRole}')\n  @ChangeOperation('${verb}', { summary: '${summary}', answer })\n` +
          `  ${u.useCaseProperty}(@ChangeRequest() { target }: ChangeRequest) {\n    return this.run(new ${u.UseCase}Command(target));\n  }\n`,
      ),
    ),
  );
}

/** `rpc <UseCase> (<Aggregate>VersionRequest) returns (<Aggregate>Ref)` and its controller method. */
export function addChangeRpc(tree: Tree, n: ContextNames, u: UseCase): void {
  const request = `${n.Aggregate}VersionRequest`;
  editSource(
    tree,
    `libs/${n.context}/contracts/src/proto/${n.context}.proto`,
    pipe(before(/\n}\n/, `\n  rpc ${u.UseCase} (${request}) returns (${n.Aggregate}Ref);`), (source) =>
      source.includes(`message ${request} `)
        ? source
        : `${source.trimEnd()}\n\nmessage ${request} {\n  string id = 1;\n  int32 expected_version = 2;\n}\n`,
    ),
  );
  const grpc = `libs/${n.context}/interface/src/grpc`;
  editSource(
    tree,
    `${grpc}/${n.aggregate}-grpc.schemas.ts`,
    (source) =>
      source.includes(`export const ${request} `)
        ? source
        : `${source.trimEnd()}\n\n/** A change of one ${n.aggregate.replace(/-/g, ' ')}: which, at which version (0, unset, is refused). */\n` +
          `export const ${request} = Type.Object({ id, expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });\n` +
          `export type ${request} = Static<typeof ${request}>;\n`,
    { mayBeDone: true },
  );
  editSource(
    tree,
    `${grpc}/${n.aggregate}-grpc.controller.ts`,
    pipe(
      addNamedImport(new RegExp(`@bascule/${n.context}/application`), `${u.UseCase}Command`),
      addNamedImport(/\.\/[a-z0-9-]+-grpc\.schemas/, request),
      addNamedImport(/@bascule\/shared\/grpc/, 'RpcChange'),
      before(
        /\n}\n?$/,
        `\n\n  @GrpcMethod(${n.CONTEXT}_GRPC_SERVICE, '${u.UseCase}')\n  @Roles('${n.writeRole}')\n` +
          `  ${u.useCaseProperty}(@RpcChange(${request}) { target }: RpcChange<${request}>) {\n` +
          `    return this.commands.execute(new ${u.UseCase}Command(target));\n  }`,
      ),
    ),
  );
}
