import { Module } from '@nestjs/common';
import { orderSagaDatabase, OrderSagaInfrastructureModule, OrderSagaRuntime } from '@bascule/order-saga';
import { databaseOptions } from '@bascule/shared/persistence';
import { ServicePlatformModule } from '@bascule/shared/service';
import { SagasController } from './rest/sagas.controller';

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'order-saga',
      database: () => databaseOptions(orderSagaDatabase),
      // It publishes no event of its own: its commands are written by the orchestrator's own OutboxWriter.
      contracts: [],
      imports: [OrderSagaInfrastructureModule],
      details: {
        inject: [OrderSagaRuntime],
        useFactory: (runtime: OrderSagaRuntime) => [
          {
            name: 'saga-consumer',
            check: async () => {
              if (process.env.EVENT_CONSUMERS !== 'off' && !runtime.consuming) throw new Error('not consuming yet');
            },
          },
        ],
      },
    }),
    OrderSagaInfrastructureModule,
  ],
  controllers: [SagasController],
})
export class OrderSagaModule {}
