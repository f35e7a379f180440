import { Module } from '@nestjs/common';
import { clientApplicationProviders } from '@bascule/client/application';
import { clientEventContracts } from '@bascule/client/contracts';
import { clientDatabaseOptions, ClientInfrastructureModule } from '@bascule/client/infrastructure';
import { clientControllers } from '@bascule/client/interface';
import { ServicePlatformModule } from '@bascule/shared/service';
import manifest from '../context.manifest.json';

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: manifest.service,
      database: () => clientDatabaseOptions(),
      contracts: clientEventContracts,
    }),
    ClientInfrastructureModule,
  ],
  controllers: clientControllers,
  providers: clientApplicationProviders,
})
export class ClientServiceModule {}
