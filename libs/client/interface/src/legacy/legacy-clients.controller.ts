import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { LEGACY_CLIENT_CONTRACT, LEGACY_CLIENT_NOT_FOUND, LegacyClientContract } from '@bascule/anti-corruption';
import { ApiProblems, ApiQueryFrom, asOpenApi, IntegerParamPipe, QuerySchemaPipe } from '@bascule/shared/http';
import { FastifyReply } from 'fastify';
import { Roles } from '@bascule/shared/auth';
import {
  LegacyClientPageSchema,
  LegacyClientSchema,
  LegacyClientsQuery,
  LegacyClientsQuerySchema,
  LegacyErrorSchema,
  NO_CLIENT_RANGE,
} from './legacy-clients.schemas';

/**
 * The legacy clients contract (French fields, the legacy error body), served from the client context
 * through the ACL: the strangler gateway calls this instead of the monolith. Malformed parameters get a
 * problem+json 400 naming them, where the monolith clamped or answered 404 (ADR 0015).
 */
@ApiTags('legacy contract')
@Controller('legacy/api/clients')
@Roles('legacy:read')
export class LegacyClientsController {
  constructor(@Inject(LEGACY_CLIENT_CONTRACT) private readonly contract: LegacyClientContract) {}

  @Get()
  @ApiOperation({
    summary: 'GET /api/clients of the legacy system',
    description: 'Clients ordered by noClient, a page at a time.',
  })
  @ApiQueryFrom(LegacyClientsQuerySchema)
  @ApiOkResponse({
    schema: asOpenApi(LegacyClientPageSchema),
    description: 'A page of clients, as the monolith answers it',
  })
  @ApiProblems(400)
  async list(@Query(new QuerySchemaPipe(LegacyClientsQuerySchema)) query: LegacyClientsQuery) {
    return { page: query.page, taille: query.taille, clients: await this.contract.list(query.page, query.taille) };
  }

  @Get(':noClient')
  @ApiOperation({ summary: 'GET /api/clients/{noClient} of the legacy system' })
  @ApiParam({
    name: 'noClient',
    schema: { type: 'integer', minimum: NO_CLIENT_RANGE.min, maximum: NO_CLIENT_RANGE.max },
  })
  @ApiOkResponse({ schema: asOpenApi(LegacyClientSchema), description: 'The client, as the monolith answers it' })
  @ApiNotFoundResponse({
    schema: asOpenApi(LegacyErrorSchema),
    description: 'No such client: the legacy error body CLI-404',
  })
  @ApiProblems(400)
  async get(
    @Param('noClient', new IntegerParamPipe(NO_CLIENT_RANGE)) noClient: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const client = await this.contract.get(noClient);
    if (!client) return reply.status(404).send(LEGACY_CLIENT_NOT_FOUND);
    return client;
  }
}
