import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ClientPage,
  ClientView,
  GetClientQuery,
  ListClientsQuery,
  RegisterClientCommand,
} from '@bascule/client/application';
import { Roles } from '@bascule/shared/auth';
import { cloudRequest } from '@bascule/shared/application';
import {
  ApiJsonBody,
  ApiProblems,
  ApiQueryFrom,
  asOpenApi,
  BodySchemaPipe,
  EtagInterceptor,
  IdempotencyInterceptor,
  QuerySchemaPipe,
  requestActor,
  UuidParamPipe,
} from '@bascule/shared/http';
import { FastifyReply, FastifyRequest } from 'fastify';
import {
  ClientPageSchema,
  ClientSchema,
  ListClientsQuerySchema,
  RegisterClientBody,
  type ListClientsQuery as ListQuery,
} from './client.schemas';

@ApiTags('clients')
@Controller('clients')
export class ClientsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('client:write')
  @HttpCode(201)
  // The ETag is set inside the idempotency interceptor, so a replay answers with it too.
  @UseInterceptors(IdempotencyInterceptor, EtagInterceptor)
  @ApiOperation({ summary: 'Register a client' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Per caller: same key and body → same answer; other body → 422; first one still running → 409',
  })
  @ApiJsonBody(RegisterClientBody)
  @ApiCreatedResponse({ schema: asOpenApi(ClientSchema), description: 'Location and ETag headers are set' })
  @ApiProblems(400, 409, 413, 422)
  async register(
    @Body(new BodySchemaPipe(RegisterClientBody)) body: RegisterClientBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClientView> {
    const { id } = await this.commands.execute(
      new RegisterClientCommand(body, cloudRequest(String(request.id), requestActor(request))),
    );
    void reply.header('location', `/clients/${id}`);
    return this.queries.execute(new GetClientQuery(id));
  }

  @Get(':id')
  @Roles('client:read')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({ summary: 'Get a client (ETag = its version)' })
  @ApiOkResponse({ schema: asOpenApi(ClientSchema), description: 'The client; the ETag header carries its version' })
  @ApiProblems(400, 404)
  get(@Param('id', UuidParamPipe) id: string): Promise<ClientView> {
    return this.queries.execute(new GetClientQuery(id));
  }

  @Get()
  @Roles('client:read')
  @ApiOperation({ summary: 'List clients, filtered, with cursor pagination' })
  @ApiQueryFrom(ListClientsQuerySchema)
  @ApiOkResponse({ schema: asOpenApi(ClientPageSchema), description: 'A page of clients; nextCursor null on the last' })
  @ApiProblems(400)
  list(@Query(new QuerySchemaPipe(ListClientsQuerySchema)) query: ListQuery): Promise<ClientPage> {
    return this.queries.execute(new ListClientsQuery(query));
  }
}
