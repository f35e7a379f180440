import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LEGACY_CLIENT_CONTRACT, LegacyClientContract } from '@bascule/anti-corruption';
import { FastifyReply } from 'fastify';
import { Roles } from '@bascule/shared/auth';

const NOT_FOUND = { codeErreur: 'CLI-404', libelle: 'Client inexistant' };

/**
 * The legacy clients contract (French fields, the legacy error body), served from the client context
 * through the ACL: the strangler gateway calls this instead of the monolith.
 */
@ApiTags('legacy contract')
@Controller('legacy/api/clients')
@Roles('legacy:read')
export class LegacyClientsController {
  constructor(@Inject(LEGACY_CLIENT_CONTRACT) private readonly contract: LegacyClientContract) {}

  @Get()
  @ApiOperation({ summary: 'GET /api/clients of the legacy system' })
  async list(@Query('page') page?: string, @Query('taille') taille?: string) {
    const size = Math.min(Math.max(Number(taille) || 50, 1), 500);
    const number = Math.max(Number(page) || 1, 1);
    return { page: number, taille: size, clients: await this.contract.list(number, size) };
  }

  @Get(':noClient')
  @ApiOperation({ summary: 'GET /api/clients/{noClient} of the legacy system' })
  async get(@Param('noClient') noClient: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const client = /^\d{1,9}$/.test(noClient) ? await this.contract.get(Number(noClient)) : undefined;
    if (!client) return reply.status(404).send(NOT_FOUND);
    return client;
  }
}
