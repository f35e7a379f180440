import { Module } from '@nestjs/common';
import { clientApplicationProviders } from '@bascule/client/application';
import { clientEventContracts } from '@bascule/client/contracts';
import { clientDatabaseOptions, ClientInfrastructureModule, LegacyClientsSync } from '@bascule/client/infrastructure';
import { clientControllers } from '@bascule/client/interface';
import { ServicePlatformModule } from '@bascule/shared/service';

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'client-service',
      database: () => clientDatabaseOptions(),
      contracts: clientEventContracts,
      imports: [ClientInfrastructureModule],
      details: {
        inject: [LegacyClientsSync],
        useFactory: (legacy: LegacyClientsSync) =>
          legacy.enabled ? [{ name: 'legacy-cdc', check: () => legacy.details() }] : [],
      },
    }),
    ClientInfrastructureModule,
  ],
  controllers: clientControllers,
  providers: clientApplicationProviders,
})
export class ClientServiceModule {}
