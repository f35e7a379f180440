import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlaceOrderCommand, GetOrderQuery, ListOrdersQuery, OrderPage, OrderView } from '@bascule/orders/application';
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
  PlaceOrderBody,
  ListOrdersQuerySchema,
  OrderPageSchema,
  OrderSchema,
  type ListOrdersQuery as ListQuery,
} from './order.schemas';

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('orders:write')
  @HttpCode(201)
  // The ETag is set inside the idempotency interceptor, so a replay answers with it too.
  @UseInterceptors(IdempotencyInterceptor, EtagInterceptor)
  @ApiOperation({ summary: 'Place an order: PENDING, its lines priced from the catalogue' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body → same answer; other body → 422',
  })
  @ApiJsonBody(PlaceOrderBody)
  @ApiCreatedResponse({ schema: asOpenApi(OrderSchema), description: 'Location and ETag headers are set' })
  @ApiProblems(400, 409, 413, 422, 503)
  async place(
    @Body(new BodySchemaPipe(PlaceOrderBody)) body: PlaceOrderBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderView> {
    const { id } = await this.commands.execute(new PlaceOrderCommand(body, cloudRequest(String(request.id))));
    void reply.header('location', `/orders/${id}`);
    return this.queries.execute(new GetOrderQuery(id));
  }

  @Get(':id')
  @Roles('orders:read')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({ summary: 'Get a order (ETag = its version)' })
  @ApiOkResponse({ schema: asOpenApi(OrderSchema), description: 'The ETag header carries its version' })
  @ApiProblems(400, 404)
  get(@Param('id', UuidParamPipe) id: string): Promise<OrderView> {
    return this.queries.execute(new GetOrderQuery(id));
  }

  @Get()
  @Roles('orders:read')
  @ApiOperation({ summary: 'List orders (of a client, in a status), oldest first, with cursor pagination' })
  @ApiQueryFrom(ListOrdersQuerySchema)
  @ApiOkResponse({ schema: asOpenApi(OrderPageSchema), description: 'A page; nextCursor null on the last' })
  @ApiProblems(400)
  list(@Query(new QuerySchemaPipe(ListOrdersQuerySchema)) query: ListQuery): Promise<OrderPage> {
    return this.queries.execute(new ListOrdersQuery(query));
  }
}
