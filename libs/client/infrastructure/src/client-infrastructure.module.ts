import { Module } from '@nestjs/common';
import { CLIENT_READ_MODEL, CLIENT_REPOSITORY } from '@bascule/client/application';
import { LEGACY_CLIENT_CONTRACT } from '@bascule/anti-corruption';
import { CLOCK, systemClock } from '@bascule/shared/ddd';
import { poolOf } from '@bascule/shared/persistence';
import { DataSource } from 'typeorm';
import { PgLegacyClientContractReadModel } from './legacy/pg-legacy-client-contract.read-model';
import { LegacyClientsSyncModule } from './legacy/legacy-clients.sync';
import { PgClientReadModel } from './persistence/pg-client.read-model';
import { PgClientRepository } from './persistence/pg-client.repository';

/** Adapters behind the client application's ports, and the legacy sync. Needs TypeORM's DataSource, MessagingModule and CQRS. */
@Module({
  imports: [LegacyClientsSyncModule],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    { provide: CLIENT_REPOSITORY, useClass: PgClientRepository },
    { provide: CLIENT_READ_MODEL, useClass: PgClientReadModel },
    {
      provide: LEGACY_CLIENT_CONTRACT,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new PgLegacyClientContractReadModel(poolOf(dataSource)),
    },
  ],
  exports: [CLOCK, CLIENT_REPOSITORY, CLIENT_READ_MODEL, LEGACY_CLIENT_CONTRACT, LegacyClientsSyncModule],
})
export class ClientInfrastructureModule {}
