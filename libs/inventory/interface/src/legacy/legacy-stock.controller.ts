import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { LEGACY_STOCK_CONTRACT, LEGACY_STOCK_NOT_FOUND, LegacyStockContract } from '@bascule/anti-corruption';
import { Roles } from '@bascule/shared/auth';
import { ApiProblems, asOpenApi, PatternParamPipe } from '@bascule/shared/http';
import { FastifyReply } from 'fastify';
import { LegacyStockErrorSchema, LegacyStockSchema, REF_ARTICLE } from './legacy-stock.schemas';

/**
 * The legacy stock contract (`GET /api/stock/{refArticle}` of the monolith), served from inventory's own state
 * through the ACL (ADR 0045): the strangler gateway calls this instead of the monolith. A reference the monolith
 * could not hold gets a problem+json 400 naming it.
 */
@ApiTags('legacy contract')
@Controller('legacy/api/stock')
@Roles('legacy:read')
export class LegacyStockController {
  constructor(@Inject(LEGACY_STOCK_CONTRACT) private readonly contract: LegacyStockContract) {}

  @Get(':refArticle')
  @ApiOperation({ summary: 'GET /api/stock/{refArticle} of the legacy system' })
  @ApiParam({ name: 'refArticle', schema: { type: 'string', minLength: 1, maxLength: 20 } })
  @ApiOkResponse({ schema: asOpenApi(LegacyStockSchema), description: 'The article, as the monolith answers it' })
  @ApiNotFoundResponse({
    schema: asOpenApi(LegacyStockErrorSchema),
    description: 'No such article synced: the legacy error body STK-404',
  })
  @ApiProblems(400)
  async get(
    @Param(
      'refArticle',
      new PatternParamPipe(new RegExp(REF_ARTICLE, 'su'), 'must be a legacy article reference (1 to 20 characters)'),
    )
    refArticle: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const article = await this.contract.get(refArticle);
    if (!article) return reply.status(404).send(LEGACY_STOCK_NOT_FOUND);
    return article;
  }
}
