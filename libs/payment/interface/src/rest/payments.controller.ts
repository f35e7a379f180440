import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreatePaymentCommand,
  GetPaymentQuery,
  ListPaymentsQuery,
  PaymentPage,
  PaymentView,
} from '@bascule/payment/application';
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
  requestActor,
  UuidParamPipe,
} from '@bascule/shared/http';
import { FastifyReply, FastifyRequest } from 'fastify';
import {
  CreatePaymentBody,
  ListPaymentsQuerySchema,
  PaymentPageSchema,
  PaymentSchema,
  type ListPaymentsQuery as ListQuery,
} from './payment.schemas';
import { providerFailure, providerKey } from './provider-failure';

@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('payment:write')
  @HttpCode(201)
  // The ETag is set inside the idempotency interceptor, so a replay answers with it too.
  @UseInterceptors(IdempotencyInterceptor, EtagInterceptor)
  @ApiOperation({
    summary: 'Authorize a payment with the provider: 201 AUTHORIZED or DECLINED (a decline is an outcome)',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body → same answer; other body → 422',
  })
  @ApiJsonBody(CreatePaymentBody)
  @ApiCreatedResponse({ schema: asOpenApi(PaymentSchema), description: 'Location and ETag headers are set' })
  @ApiProblems(400, 409, 413, 422, 503)
  async create(
    @Body(new BodySchemaPipe(CreatePaymentBody)) body: CreatePaymentBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PaymentView> {
    const key = request.headers['idempotency-key'];
    const command = new CreatePaymentCommand(
      body,
      cloudRequest(String(request.id), requestActor(request)),
      typeof key === 'string' ? providerKey(requestActor(request), key) : undefined,
    );
    const { id } = await this.commands.execute(command).catch(providerFailure);
    void reply.header('location', `/payments/${id}`);
    return this.queries.execute(new GetPaymentQuery(id));
  }

  @Get(':id')
  @Roles('payment:read')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({ summary: 'Get a payment (ETag = its version)' })
  @ApiOkResponse({ schema: asOpenApi(PaymentSchema), description: 'The ETag header carries its version' })
  @ApiProblems(400, 404)
  get(@Param('id', UuidParamPipe) id: string): Promise<PaymentView> {
    return this.queries.execute(new GetPaymentQuery(id));
  }

  @Get()
  @Roles('payment:read')
  @ApiOperation({ summary: 'List payments (of one order with orderId), oldest first, with cursor pagination' })
  @ApiQueryFrom(ListPaymentsQuerySchema)
  @ApiOkResponse({ schema: asOpenApi(PaymentPageSchema), description: 'A page; nextCursor null on the last' })
  @ApiProblems(400)
  list(@Query(new QuerySchemaPipe(ListPaymentsQuerySchema)) query: ListQuery): Promise<PaymentPage> {
    return this.queries.execute(new ListPaymentsQuery(query));
  }
}
