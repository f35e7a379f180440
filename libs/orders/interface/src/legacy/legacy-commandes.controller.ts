import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { LEGACY_COMMANDE_CONTRACT, LEGACY_COMMANDE_NOT_FOUND, LegacyCommandeContract } from '@bascule/anti-corruption';
import { ApiProblems, asOpenApi, IntegerParamPipe } from '@bascule/shared/http';
import { Roles } from '@bascule/shared/auth';
import { FastifyReply } from 'fastify';
import { LegacyCommandeSchema, LegacyErrorSchema, NO_COMMANDE_RANGE } from './legacy-commandes.schemas';

/**
 * The legacy orders contract (French fields, the legacy error body), served from the orders context through the
 * ACL: the strangler gateway calls this instead of the monolith. A malformed number is a problem+json 400 naming
 * it, where the monolith answered 404 (ADR 0015).
 */
@ApiTags('legacy contract')
@Controller('legacy/api/commandes')
@Roles('legacy:read')
export class LegacyCommandesController {
  constructor(@Inject(LEGACY_COMMANDE_CONTRACT) private readonly contract: LegacyCommandeContract) {}

  @Get(':noCommande')
  @ApiOperation({ summary: 'GET /api/commandes/{noCommande} of the legacy system, with its lines' })
  @ApiParam({
    name: 'noCommande',
    schema: { type: 'integer', minimum: NO_COMMANDE_RANGE.min, maximum: NO_COMMANDE_RANGE.max },
  })
  @ApiOkResponse({ schema: asOpenApi(LegacyCommandeSchema), description: 'The order, as the monolith answers it' })
  @ApiNotFoundResponse({
    schema: asOpenApi(LegacyErrorSchema),
    description: 'No such order: the legacy error body CMD-404',
  })
  @ApiProblems(400)
  async get(
    @Param('noCommande', new IntegerParamPipe(NO_COMMANDE_RANGE)) noCommande: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const commande = await this.contract.get(noCommande);
    if (!commande) return reply.status(404).send(LEGACY_COMMANDE_NOT_FOUND);
    return commande;
  }
}
