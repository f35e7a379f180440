import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { LEGACY_PAIEMENT_CONTRACT, LEGACY_PAIEMENT_NOT_FOUND, LegacyPaiementContract } from '@bascule/anti-corruption';
import { Roles } from '@bascule/shared/auth';
import { ApiProblems, asOpenApi, IntegerParamPipe } from '@bascule/shared/http';
import { FastifyReply } from 'fastify';
import { LegacyPaiementErrorSchema, LegacyPaiementSchema, NO_PAIEMENT_RANGE } from './legacy-paiements.schemas';

/**
 * The legacy payments contract (French fields, the legacy error body), served from the payment context through
 * the ACL: what the monolith answers, except the IBAN, which the payment context only has masked.
 */
@ApiTags('legacy contract')
@Controller('legacy/api/paiements')
@Roles('legacy:read')
export class LegacyPaiementsController {
  constructor(@Inject(LEGACY_PAIEMENT_CONTRACT) private readonly contract: LegacyPaiementContract) {}

  @Get(':noPaiement')
  @ApiOperation({ summary: 'GET /api/paiements/{noPaiement} of the legacy system' })
  @ApiParam({
    name: 'noPaiement',
    schema: { type: 'integer', minimum: NO_PAIEMENT_RANGE.min, maximum: NO_PAIEMENT_RANGE.max },
  })
  @ApiOkResponse({ schema: asOpenApi(LegacyPaiementSchema), description: 'The payment, as the monolith answers it' })
  @ApiNotFoundResponse({
    schema: asOpenApi(LegacyPaiementErrorSchema),
    description: 'No such payment: the legacy error body PAI-404',
  })
  @ApiProblems(400)
  async get(
    @Param('noPaiement', new IntegerParamPipe(NO_PAIEMENT_RANGE)) noPaiement: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const paiement = await this.contract.get(noPaiement);
    if (!paiement) return reply.status(404).send(LEGACY_PAIEMENT_NOT_FOUND);
    return paiement;
  }
}
