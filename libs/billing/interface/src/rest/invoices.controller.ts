import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateInvoiceCommand,
  GetInvoiceQuery,
  ListInvoicesQuery,
  InvoicePage,
  InvoiceView,
} from '@bascule/billing/application';
import { cloudRequest } from '@bascule/shared/application';
import { Roles } from '@bascule/shared/auth';
import {
  ApiJsonBody,
  ApiProblems,
  ApiQueryFrom,
  asOpenApi,
  BodySchemaPipe,
  EtagInterceptor,
  IdempotencyInterceptor,
  QuerySchemaPipe,
  UuidParamPipe,
} from '@bascule/shared/http';
import { FastifyReply, FastifyRequest } from 'fastify';
import {
  CreateInvoiceBody,
  ListInvoicesQuerySchema,
  InvoicePageSchema,
  InvoiceSchema,
  type ListInvoicesQuery as ListQuery,
} from './invoice.schemas';

@ApiTags('invoices')
@Controller('invoices')
export class InvoicesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('billing:write')
  @HttpCode(201)
  // The ETag is set inside the idempotency interceptor, so a replay answers with it too.
  @UseInterceptors(IdempotencyInterceptor, EtagInterceptor)
  @ApiOperation({ summary: 'Create a invoice' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body → same answer; other body → 422',
  })
  @ApiJsonBody(CreateInvoiceBody)
  @ApiCreatedResponse({ schema: asOpenApi(InvoiceSchema), description: 'Location and ETag headers are set' })
  @ApiProblems(400, 409, 413, 422)
  async create(
    @Body(new BodySchemaPipe(CreateInvoiceBody)) body: CreateInvoiceBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InvoiceView> {
    const { id } = await this.commands.execute(new CreateInvoiceCommand(body, cloudRequest(String(request.id))));
    void reply.header('location', `/invoices/${id}`);
    return this.queries.execute(new GetInvoiceQuery(id));
  }

  @Get(':id')
  @Roles('billing:read')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({ summary: 'Get a invoice (ETag = its version)' })
  @ApiOkResponse({ schema: asOpenApi(InvoiceSchema), description: 'The ETag header carries its version' })
  @ApiProblems(400, 404)
  get(@Param('id', UuidParamPipe) id: string): Promise<InvoiceView> {
    return this.queries.execute(new GetInvoiceQuery(id));
  }

  @Get()
  @Roles('billing:read')
  @ApiOperation({ summary: 'List invoices, oldest first, with cursor pagination' })
  @ApiQueryFrom(ListInvoicesQuerySchema)
  @ApiOkResponse({ schema: asOpenApi(InvoicePageSchema), description: 'A page; nextCursor null on the last' })
  @ApiProblems(400)
  list(@Query(new QuerySchemaPipe(ListInvoicesQuerySchema)) query: ListQuery): Promise<InvoicePage> {
    return this.queries.execute(new ListInvoicesQuery(query));
  }
}
