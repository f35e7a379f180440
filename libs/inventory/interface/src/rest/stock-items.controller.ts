import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  CreateStockItemCommand,
  GetStockItemQuery,
  ListStockItemsQuery,
  StockItemPage,
  StockItemView,
} from '@bascule/inventory/application';
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
} from '@bascule/shared/http';
import { FastifyReply, FastifyRequest } from 'fastify';
import {
  CreateStockItemBody,
  ListStockItemsQuerySchema,
  SKU_KEY,
  StockItemPageSchema,
  StockItemSchema,
  type ListStockItemsQuery as ListQuery,
} from './stock-item.schemas';

@ApiTags('stock-items')
@Controller('stock-items')
export class StockItemsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('inventory:write')
  @HttpCode(201)
  // The ETag is set inside the idempotency interceptor, so a replay answers with it too.
  @UseInterceptors(IdempotencyInterceptor, EtagInterceptor)
  @ApiOperation({ summary: 'Create a stock item' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body → same answer; other body → 422',
  })
  @ApiJsonBody(CreateStockItemBody)
  @ApiCreatedResponse({ schema: asOpenApi(StockItemSchema), description: 'Location and ETag headers are set' })
  @ApiProblems(400, 409, 413, 422)
  async create(
    @Body(new BodySchemaPipe(CreateStockItemBody)) body: CreateStockItemBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StockItemView> {
    const { id } = await this.commands.execute(new CreateStockItemCommand(body, cloudRequest(String(request.id))));
    void reply.header('location', `/stock-items/${encodeURIComponent(body.sku)}`);
    return this.queries.execute(new GetStockItemQuery(id));
  }

  @Get(':sku')
  @Roles('inventory:read')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({ summary: 'Get a stock item (ETag = its version)' })
  @ApiOkResponse({ schema: asOpenApi(StockItemSchema), description: 'The ETag header carries its version' })
  @ApiParam({ name: 'sku', schema: SKU_KEY.schema })
  @ApiProblems(400, 404)
  get(@Param('sku', SKU_KEY.pipe) sku: string): Promise<StockItemView> {
    return this.queries.execute(new GetStockItemQuery(SKU_KEY.toId(sku)));
  }

  @Get()
  @Roles('inventory:read')
  @ApiOperation({ summary: 'List stock items, oldest first, with cursor pagination' })
  @ApiQueryFrom(ListStockItemsQuerySchema)
  @ApiOkResponse({ schema: asOpenApi(StockItemPageSchema), description: 'A page; nextCursor null on the last' })
  @ApiProblems(400)
  list(@Query(new QuerySchemaPipe(ListStockItemsQuerySchema)) query: ListQuery): Promise<StockItemPage> {
    return this.queries.execute(new ListStockItemsQuery(query));
  }
}
