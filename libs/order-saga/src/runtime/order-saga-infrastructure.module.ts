import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf } from '@bascule/shared/persistence';
import { SagaOrchestrator } from '@bascule/saga';
import { orderSagas } from '../order-sagas';
import { OrderSagaRuntime } from './order-saga-runtime';

/**
 * The orchestrator on the service's pool (the one the consumer's inbox transactions are open on, so a reply's
 * transition joins its inbox row), and what drives it. Needs TypeORM's DataSource and the platform's messaging.
 */
@Module({
  providers: [
    {
      provide: SagaOrchestrator,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new SagaOrchestrator(poolOf(dataSource), orderSagas),
    },
    OrderSagaRuntime,
  ],
  exports: [SagaOrchestrator, OrderSagaRuntime],
})
export class OrderSagaInfrastructureModule {}
