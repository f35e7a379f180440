import { Module } from '@nestjs/common';
import { CLIENT_READ_MODEL, CLIENT_REPOSITORY } from '@bascule/client/application';
import { CLOCK, systemClock } from '@bascule/shared/ddd';
import { TypeOrmClientReadModel } from './persistence/typeorm-client.read-model';
import { TypeOrmClientRepository } from './persistence/typeorm-client.repository';

/** Adapters behind the client application's ports. Needs TypeORM's DataSource and MessagingModule. */
@Module({
  providers: [
    { provide: CLOCK, useValue: systemClock },
    { provide: CLIENT_REPOSITORY, useClass: TypeOrmClientRepository },
    { provide: CLIENT_READ_MODEL, useClass: TypeOrmClientReadModel },
  ],
  exports: [CLOCK, CLIENT_REPOSITORY, CLIENT_READ_MODEL],
})
export class ClientInfrastructureModule {}
