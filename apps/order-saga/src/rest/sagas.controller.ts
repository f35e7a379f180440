import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SagaOrchestrator } from '@bascule/saga';
import { Roles } from '@bascule/shared/auth';
import { ApiProblems, ApiQueryFrom, asOpenApi, QuerySchemaPipe, UuidParamPipe } from '@bascule/shared/http';
import { sagaView } from './saga-view';
import { ListSagasQuery, ListSagasQuerySchema, SagaPage, SagaPageSchema, SagaSchema, SagaView } from './saga.schemas';

@ApiTags('sagas')
@Controller('sagas')
export class SagasController {
  constructor(private readonly sagas: SagaOrchestrator) {}

  @Get(':id')
  @Roles('sagas:read')
  @ApiOperation({ summary: 'Get a saga: its state and each step with its outcome and timing' })
  @ApiOkResponse({ schema: asOpenApi(SagaSchema) })
  @ApiProblems(400, 404)
  async get(@Param('id', UuidParamPipe) id: string): Promise<SagaView> {
    return sagaView(await this.sagas.find(id));
  }

  @Get()
  @Roles('sagas:read')
  @ApiOperation({
    summary: 'List sagas, newest first, with cursor pagination: by order, state, type, started before an instant',
  })
  @ApiQueryFrom(ListSagasQuerySchema)
  @ApiOkResponse({
    schema: asOpenApi(SagaPageSchema),
    description: 'A page of at most `limit`; nextCursor null on the last',
  })
  @ApiProblems(400)
  async list(@Query(new QuerySchemaPipe(ListSagasQuerySchema)) query: ListSagasQuery): Promise<SagaPage> {
    const sagas = await this.sagas.list({
      status: query.state,
      type: query.type,
      startedBefore: query.olderThan ? new Date(query.olderThan) : undefined,
      dataContains: query.orderId ? { orderId: query.orderId } : undefined,
      after: query.cursor,
      limit: query.limit + 1, // one more tells whether a next page exists
    });
    const page = sagas.slice(0, query.limit);
    return { items: page.map(sagaView), nextCursor: sagas.length > query.limit ? page[page.length - 1].id : null };
  }

  @Post(':id/retry')
  @Roles('sagas:admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send again the command a saga needing attention stopped at, with a fresh retry budget' })
  @ApiOkResponse({ schema: asOpenApi(SagaSchema) })
  @ApiProblems(400, 404, 409)
  async retry(@Param('id', UuidParamPipe) id: string): Promise<SagaView> {
    return sagaView(await this.sagas.retry(id));
  }

  @Post(':id/compensate')
  @Roles('sagas:admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Undo what a saga needing attention did, in reverse; refused past its pivot or while compensating',
  })
  @ApiOkResponse({ schema: asOpenApi(SagaSchema) })
  @ApiProblems(400, 404, 409)
  async compensate(@Param('id', UuidParamPipe) id: string): Promise<SagaView> {
    return sagaView(await this.sagas.compensate(id));
  }
}
