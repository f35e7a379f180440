import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { Command, CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ChangeClientAddressCommand,
  ChangeClientEmailCommand,
  ClientRef,
  ClientView,
  cloudRequest,
  DeactivateClientCommand,
  EraseClientCommand,
  ReactivateClientCommand,
  RenameClientCommand,
} from '@bascule/client/application';
import {
  ApiJsonBody,
  ApiProblems,
  asOpenApi,
  BodySchemaPipe,
  expectedVersionFrom,
  UuidParamPipe,
} from '@bascule/shared/http';
import { applyDecorators } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { answerWithClient, correlationOf } from './client-response';
import {
  ChangeClientAddressBody,
  ChangeClientEmailBody,
  ClientSchema,
  DeactivateClientBody,
  RenameClientBody,
} from './client.schemas';
import { Roles } from '@bascule/shared/auth';

const ClientCommand = (summary: string) =>
  applyDecorators(
    HttpCode(200),
    ApiOperation({ summary }),
    ApiHeader({ name: 'If-Match', required: true, description: 'The ETag you read; missing → 428, stale → 412' }),
    ApiOkResponse({
      schema: asOpenApi(ClientSchema),
      description: 'The client after the change; the ETag header carries its new version',
    }),
    ApiProblems(400, 404, 409, 412, 428),
  );

/** State changes of one client: each requires If-Match and answers with the client and its new ETag. */
@ApiTags('clients')
@Controller('clients/:id')
export class ClientCommandsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('rename')
  @Roles('client:write')
  @ClientCommand('Rename a client')
  @ApiJsonBody(RenameClientBody)
  rename(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string,
    @Body(new BodySchemaPipe(RenameClientBody)) body: RenameClientBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      reply,
      new RenameClientCommand(
        id,
        expectedVersionFrom(ifMatch),
        body.givenName,
        body.familyName,
        cloudRequest(correlationOf(req)),
      ),
    );
  }

  @Post('change-address')
  @Roles('client:write')
  @ClientCommand('Change the postal address of a client')
  @ApiJsonBody(ChangeClientAddressBody)
  changeAddress(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string,
    @Body(new BodySchemaPipe(ChangeClientAddressBody)) body: ChangeClientAddressBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      reply,
      new ChangeClientAddressCommand(id, expectedVersionFrom(ifMatch), body.address, cloudRequest(correlationOf(req))),
    );
  }

  @Post('change-email')
  @Roles('client:write')
  @ClientCommand('Change the email of a client')
  @ApiJsonBody(ChangeClientEmailBody)
  changeEmail(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string,
    @Body(new BodySchemaPipe(ChangeClientEmailBody)) body: ChangeClientEmailBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      reply,
      new ChangeClientEmailCommand(id, expectedVersionFrom(ifMatch), body.email, cloudRequest(correlationOf(req))),
    );
  }

  @Post('deactivate')
  @Roles('client:write')
  @ClientCommand('Deactivate a client, with a reason')
  @ApiJsonBody(DeactivateClientBody)
  deactivate(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string,
    @Body(new BodySchemaPipe(DeactivateClientBody)) body: DeactivateClientBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      reply,
      new DeactivateClientCommand(id, expectedVersionFrom(ifMatch), body.reason, cloudRequest(correlationOf(req))),
    );
  }

  @Post('reactivate')
  @Roles('client:write')
  @ClientCommand('Reactivate a deactivated client')
  reactivate(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      reply,
      new ReactivateClientCommand(id, expectedVersionFrom(ifMatch), cloudRequest(correlationOf(req))),
    );
  }

  @Post('erase')
  @Roles('client:erase')
  @ClientCommand('Erase a client (GDPR): personal data pseudonymised, the client kept for references')
  erase(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(reply, new EraseClientCommand(id, expectedVersionFrom(ifMatch), cloudRequest(correlationOf(req))));
  }

  private async run(reply: FastifyReply, command: Command<ClientRef>): Promise<ClientView> {
    const ref = await this.commands.execute(command);
    return answerWithClient(this.queries, reply, ref.id);
  }
}
