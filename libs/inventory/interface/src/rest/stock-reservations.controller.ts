import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateStockReservationCommand,
  GetStockReservationQuery,
  ListStockReservationsQuery,
  StockReservationPage,
  StockReservationView,
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
  UuidParamPipe,
} from '@bascule/shared/http';
import { FastifyReply, FastifyRequest } from 'fastify';
import {
  CreateStockReservationBody,
  ListStockReservationsQuerySchema,
  StockReservationPageSchema,
  StockReservationSchema,
  type ListStockReservationsQuery as ListQuery,
} from './stock-reservation.schemas';

@ApiTags('stock-reservations')
@Controller('stock-reservations')
export class StockReservationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('inventory:write')
  @HttpCode(201)
  // The ETag is set inside the idempotency interceptor, so a replay answers with it too.
  @UseInterceptors(IdempotencyInterceptor, EtagInterceptor)
  @ApiOperation({ summary: 'Create a stock reservation' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body → same answer; other body → 422',
  })
  @ApiJsonBody(CreateStockReservationBody)
  @ApiCreatedResponse({ schema: asOpenApi(StockReservationSchema), description: 'Location and ETag headers are set' })
  @ApiProblems(400, 409, 413, 422)
  async create(
    @Body(new BodySchemaPipe(CreateStockReservationBody)) body: CreateStockReservationBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StockReservationView> {
    const { id } = await this.commands.execute(
      new CreateStockReservationCommand(body, cloudRequest(String(request.id))),
    );
    void reply.header('location', `/stock-reservations/${id}`);
    return this.queries.execute(new GetStockReservationQuery(id));
  }

  @Get(':id')
  @Roles('inventory:read')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({ summary: 'Get a stock reservation (ETag = its version)' })
  @ApiOkResponse({ schema: asOpenApi(StockReservationSchema), description: 'The ETag header carries its version' })
  @ApiProblems(400, 404)
  get(@Param('id', UuidParamPipe) id: string): Promise<StockReservationView> {
    return this.queries.execute(new GetStockReservationQuery(id));
  }

  @Get()
  @Roles('inventory:read')
  @ApiOperation({ summary: 'List stock reservations, oldest first, with cursor pagination' })
  @ApiQueryFrom(ListStockReservationsQuerySchema)
  @ApiOkResponse({ schema: asOpenApi(StockReservationPageSchema), description: 'A page; nextCursor null on the last' })
  @ApiProblems(400)
  list(@Query(new QuerySchemaPipe(ListStockReservationsQuerySchema)) query: ListQuery): Promise<StockReservationPage> {
    return this.queries.execute(new ListStockReservationsQuery(query));
  }
}
